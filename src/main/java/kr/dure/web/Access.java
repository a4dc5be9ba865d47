package kr.dure.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import kr.dure.auth.CurrentUser;
import kr.dure.auth.Role;
import kr.dure.common.ForbiddenException;
import kr.dure.common.UnauthorizedException;

/** Role checks, in one place: a route names the roles it admits, after authentication. */
public final class Access {

  private Access() {
  }

  public static Handler<RoutingContext> roles(Role first, Role... more) {
    Set<Role> allowed = EnumSet.of(first, more);
    String names = allowed.stream().map(Role::name).collect(Collectors.joining(", "));
    return ctx -> {
      CurrentUser user = RequestContext.currentUser(ctx);
      if (user == null) {
        ctx.fail(new UnauthorizedException("Sign in first."));
      } else if (!allowed.contains(user.role())) {
        ctx.fail(new ForbiddenException("This is for " + names + " users; you are signed in as " + user.role() + "."));
      } else {
        ctx.next();
      }
    };
  }

  public static Handler<RoutingContext> anyRole() {
    Role[] all = Role.values();
    return roles(all[0], Arrays.copyOfRange(all, 1, all.length));
  }
}
