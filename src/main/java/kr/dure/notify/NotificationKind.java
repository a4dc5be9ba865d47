package kr.dure.notify;

import java.util.List;
import java.util.Optional;

/**
 * The kinds of notification users can choose about, with their defaults: every kind shows in the
 * app; the ones a user must act on or would miss at a cost also go by e-mail unless switched off.
 * A kind not listed here (added elsewhere later) shows in the app and sends no e-mail.
 */
public record NotificationKind(String key, boolean emailByDefault) {

  public static final List<NotificationKind> ALL = List.of(
      new NotificationKind("booking.requested", true),
      new NotificationKind("booking.confirmed", true),
      new NotificationKind("booking.rejected", true),
      new NotificationKind("booking.cancelled", true),
      new NotificationKind("booking.reminder", true),
      new NotificationKind("booking.noShow", true),
      // a request nobody decided before its start ends by itself
      new NotificationKind("booking.expired", true),
      new NotificationKind("waitlist.offer", true),
      new NotificationKind("application.submitted", true),
      new NotificationKind("application.selected", true),
      new NotificationKind("application.notSelected", true),
      new NotificationKind("agreement.confirmed", true),
      new NotificationKind("agreement.changeRequested", true),
      new NotificationKind("agreement.changeApproved", true),
      new NotificationKind("agreement.changeRejected", true),
      new NotificationKind("review.assigned", true),
      new NotificationKind("invitation.created", false),
      new NotificationKind("invitation.accepted", true),
      new NotificationKind("finalReport.submitted", true),
      new NotificationKind("project.completed", true),
      new NotificationKind("design.requested", false),
      new NotificationKind("design.answered", false));

  public static Optional<NotificationKind> find(String key) {
    return ALL.stream().filter(k -> k.key().equals(key)).findFirst();
  }

  public static boolean emailByDefault(String key) {
    return find(key).map(NotificationKind::emailByDefault).orElse(false);
  }

  /** The message key of this kind's label on the preferences page. */
  public String labelKey() {
    return "notification." + key + ".label";
  }
}
