package kr.dure;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import kr.dure.auth.AuditLog;
import kr.dure.booking.BookingRepository;
import kr.dure.booking.BookingService;
import kr.dure.booking.IdempotencyRepository;
import kr.dure.booking.WaitlistRepository;
import kr.dure.common.Zones;
import kr.dure.monitoring.AppMetrics;
import kr.dure.notify.LiveHub;
import kr.dure.notify.LiveService;
import kr.dure.notify.NotificationRepository;
import kr.dure.notify.NotificationService;
import kr.dure.notify.NotificationText;
import kr.dure.notify.Notifier;
import kr.dure.notify.OutboxRepository;
import kr.dure.notify.PreferenceRepository;
import kr.dure.notify.ReminderRepository;
import kr.dure.project.CollaborationRepository;
import kr.dure.project.CollaborationService;
import kr.dure.project.ProjectAccess;
import kr.dure.resource.HolidayService;
import kr.dure.resource.ResourceRepository;
import kr.dure.resource.ResourceService;
import kr.dure.auth.AuthRoutes;
import kr.dure.auth.AuthService;
import kr.dure.auth.DirectoryService;
import kr.dure.auth.LoginThrottle;
import kr.dure.auth.OrganisationRepository;
import kr.dure.auth.PasswordHasher;
import kr.dure.auth.TokenService;
import kr.dure.auth.UserRepository;
import kr.dure.program.AgreementRepository;
import kr.dure.program.AgreementService;
import kr.dure.program.ApplicationRepository;
import kr.dure.program.ApplicationService;
import kr.dure.program.CallRepository;
import kr.dure.program.EligibilityRepository;
import kr.dure.program.ProgramRepository;
import kr.dure.program.ProgramService;
import kr.dure.program.RegionService;
import kr.dure.program.ReviewRepository;
import kr.dure.program.ReviewService;
import kr.dure.program.SupportHistoryService;
import kr.dure.project.ProjectRepository;
import kr.dure.project.ProjectService;
import kr.dure.web.Authentication;
import kr.dure.web.Messages;
import kr.dure.web.Views;

/** The application's services, wired once and shared by every HTTP verticle instance. */
public final class Services {

  private final Config config;
  private final Pool pool;
  private final String csrfSecret;
  private final PasswordHasher hasher;
  private final AuditLog audit = new AuditLog();
  private final UserRepository users = new UserRepository();
  private final OrganisationRepository organisations = new OrganisationRepository();
  private final ProgramRepository programRepository = new ProgramRepository();
  private final ProjectRepository projectRepository = new ProjectRepository();
  private final AuthService auth;
  private final DirectoryService directory;
  private final ProgramService programs;
  private final ProjectService projects;
  private final Views views;
  private final Authentication authentication;
  private final AuthRoutes authRoutes;
  private final ResourceRepository resourceRepository = new ResourceRepository();
  private final BookingRepository bookingRepository = new BookingRepository();
  private final NotificationRepository notifications = new NotificationRepository();
  private final ProjectAccess projectAccess;
  private final ResourceService resources;
  private final BookingService bookings;
  private final HolidayService holidays;
  private final CallRepository calls = new CallRepository();
  private final ApplicationService applications;
  private final SupportHistoryService supportHistory;
  private final ReviewService reviews;
  private final AgreementService agreements;
  private final CollaborationService collaboration;
  private final RegionService regions;
  // notify: notifications (in-app and e-mail outbox), preferences, reminders
  private final OutboxRepository outbox = new OutboxRepository();
  private final ReminderRepository reminders = new ReminderRepository();
  private final Notifier notifier;
  private final NotificationService notificationService;
  // people in projects: member organisations, invitations, membership switched off per person
  private final kr.dure.project.MemberService members;
  private final kr.dure.project.InvitationService invitations;
  // application attachments
  private final kr.dure.program.AttachmentService attachments;
  // monitoring: fees, statements, exports; notify: calendar feeds
  private final kr.dure.monitoring.StatementsService statements;
  private final kr.dure.notify.CalendarFeedService calendarFeeds;
  // live updates and metrics (issue 5)
  private final AppMetrics metrics;
  private final LiveHub liveHub;
  private final LiveService live;
  // monitoring (issue 5): utilization dashboards, fairness, local circulation
  private final kr.dure.monitoring.UtilizationService monitoring;

  public Services(Vertx vertx, Pool pool, Config config, String jwtSecret, Clock clock) {
    this(vertx, pool, config, jwtSecret, clock, AppMetrics.none());
  }

  public Services(Vertx vertx, Pool pool, Config config, String jwtSecret, Clock clock, AppMetrics metrics) {
    this.config = config;
    this.pool = pool;
    this.csrfSecret = jwtSecret + "#csrf";
    this.hasher = new PasswordHasher(vertx);
    // tokens and throttling always run on the real clock; the injected one drives booking rules
    this.auth = new AuthService(pool, users, new LoginThrottle(), audit, hasher,
        new TokenService(vertx, jwtSecret, Clock.systemUTC()), Clock.systemUTC());
    this.directory = new DirectoryService(pool, users, organisations);
    this.programs = new ProgramService(pool, programRepository);
    this.projects = new ProjectService(pool, projectRepository);
    Messages messages = new Messages();
    this.views = new Views(vertx, messages);
    // notify: one Notifier for every service that announces a change; the header's unread badge
    PreferenceRepository preferences = new PreferenceRepository();
    NotificationText notificationText = new NotificationText(messages);
    this.notifier = new Notifier(notifications, preferences, outbox, notificationText, config.publicUrl());
    this.notificationService = new NotificationService(pool, notifications, preferences, notificationText, audit);
    this.views.unreadCounts(notificationService::unreadCount);
    this.authentication = new Authentication(auth);
    this.authRoutes = new AuthRoutes(auth, authentication, views);
    this.projectAccess = new ProjectAccess(projectRepository);
    this.resources = new ResourceService(pool, Zones.SEOUL, resourceRepository, projectRepository, projects, projectAccess, audit);
    this.bookings = new BookingService(pool, clock, Zones.SEOUL, resourceRepository, bookingRepository, projectRepository,
        projectAccess, new IdempotencyRepository(), new WaitlistRepository(), notifier, audit);
    this.holidays = new HolidayService(pool, audit);
    EligibilityRepository eligibility = new EligibilityRepository();
    this.applications = new ApplicationService(pool, clock, calls, new ApplicationRepository(), eligibility, audit, notifier);
    this.supportHistory = new SupportHistoryService(pool, eligibility, audit);
    this.regions = new RegionService(pool, eligibility, audit);
    this.collaboration = new CollaborationService(pool, new CollaborationRepository(), projectRepository, projectAccess, notifier, audit, clock);
    this.agreements = new AgreementService(pool, calls, new AgreementRepository(), projectAccess, audit, notifier);
    this.reviews = new ReviewService(pool, calls, new ApplicationRepository(), new ReviewRepository(), projectRepository, notifier, audit);
    // people in projects
    kr.dure.project.MemberRepository memberRepository = new kr.dure.project.MemberRepository();
    kr.dure.project.InvitationRepository invitationRepository = new kr.dure.project.InvitationRepository();
    this.members = new kr.dure.project.MemberService(pool, memberRepository, projectRepository, organisations, invitationRepository, audit);
    this.invitations = new kr.dure.project.InvitationService(pool, invitationRepository, memberRepository, members, organisations, users,
        projectRepository, hasher, notifier, audit, new LoginThrottle());
    // application attachments
    this.attachments = new kr.dure.program.AttachmentService(pool, new ApplicationRepository(), new kr.dure.program.AttachmentRepository(),
        new ReviewRepository(), audit);
    // monitoring: fees, statements, exports; notify: calendar feeds
    this.statements = new kr.dure.monitoring.StatementsService(pool, clock, new kr.dure.monitoring.StatementsRepository(), projectAccess);
    this.calendarFeeds = new kr.dure.notify.CalendarFeedService(pool, Clock.systemUTC(), new kr.dure.notify.CalendarFeedRepository(),
        projectAccess, resourceRepository, audit);
    // live updates and metrics (issue 5)
    this.metrics = metrics;
    this.bookings.useMetrics(metrics);
    this.liveHub = new LiveHub(vertx);
    this.live = new LiveService(pool, resourceRepository, projectAccess);
    metrics.liveClients(liveHub::size);
    this.monitoring = new kr.dure.monitoring.UtilizationService(pool, new kr.dure.monitoring.UtilizationRepository(), projectAccess);
  }

  // people in projects
  public kr.dure.project.MemberService members() {
    return members;
  }

  public kr.dure.project.InvitationService invitations() {
    return invitations;
  }

  // monitoring and calendar feeds
  public kr.dure.monitoring.StatementsService statements() {
    return statements;
  }

  public kr.dure.notify.CalendarFeedService calendarFeeds() {
    return calendarFeeds;
  }

  // ---- live updates and metrics (issue 5)

  public AppMetrics metrics() {
    return metrics;
  }

  public LiveHub liveHub() {
    return liveHub;
  }

  public LiveService live() {
    return live;
  }

  public kr.dure.monitoring.UtilizationService monitoring() {
    return monitoring;
  }

  public CallRepository calls() {
    return calls;
  }

  public ApplicationService applications() {
    return applications;
  }

  public RegionService regions() {
    return regions;
  }

  public CollaborationService collaboration() {
    return collaboration;
  }

  public AgreementService agreements() {
    return agreements;
  }

  // application attachments
  public kr.dure.program.AttachmentService attachments() {
    return attachments;
  }

  public ReviewService reviews() {
    return reviews;
  }

  public SupportHistoryService supportHistory() {
    return supportHistory;
  }

  public HolidayService holidays() {
    return holidays;
  }

  public ResourceRepository resourceRepository() {
    return resourceRepository;
  }

  public BookingRepository bookingRepository() {
    return bookingRepository;
  }

  public NotificationRepository notifications() {
    return notifications;
  }

  // notify
  public Notifier notifier() {
    return notifier;
  }

  public NotificationService notificationService() {
    return notificationService;
  }

  public OutboxRepository outbox() {
    return outbox;
  }

  public ReminderRepository reminders() {
    return reminders;
  }

  public ProjectAccess projectAccess() {
    return projectAccess;
  }

  public ResourceService resources() {
    return resources;
  }

  public BookingService bookings() {
    return bookings;
  }

  public Config config() {
    return config;
  }

  public Pool pool() {
    return pool;
  }

  public String csrfSecret() {
    return csrfSecret;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  public AuditLog audit() {
    return audit;
  }

  public UserRepository users() {
    return users;
  }

  public OrganisationRepository organisations() {
    return organisations;
  }

  public ProgramRepository programRepository() {
    return programRepository;
  }

  public ProjectRepository projectRepository() {
    return projectRepository;
  }

  public AuthService auth() {
    return auth;
  }

  public DirectoryService directory() {
    return directory;
  }

  public ProgramService programs() {
    return programs;
  }

  public ProjectService projects() {
    return projects;
  }

  public Views views() {
    return views;
  }

  public Authentication authentication() {
    return authentication;
  }

  public AuthRoutes authRoutes() {
    return authRoutes;
  }
}
