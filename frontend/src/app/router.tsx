import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { LoadingBlock } from "@/components/LoadingBlock";
import { NotFound } from "@/components/Pages";
import { LoginPage } from "@/features/auth/routes/LoginPage";
import { RequireCapability } from "./RequireCapability";
import { RequireSession } from "./RequireSession";
import { RouteError } from "./RouteError";
import { AdminShell, Shell } from "./Shell";

// Each feature's pages load on first use, so the first page stays light.
const ForgotPasswordPage = lazy(() => import("@/features/auth/routes/ForgotPasswordPage"));
const InvitationPage = lazy(() => import("@/features/auth/routes/InvitationPage"));
const ResetPasswordPage = lazy(() => import("@/features/auth/routes/ResetPasswordPage"));
const HomeRedirect = lazy(() => import("@/features/home/routes/HomeRedirect"));
const OrgHome = lazy(() => import("@/features/home/routes/OrgHome"));
const ReferralsPage = lazy(() => import("@/features/referrals/routes/ReferralsPage"));
const NewReferralPage = lazy(() => import("@/features/referrals/routes/NewReferralPage"));
const ReferralPage = lazy(() => import("@/features/referrals/routes/ReferralPage"));
const HouseholdsPage = lazy(() => import("@/features/households/routes/HouseholdsPage"));
const HouseholdPage = lazy(() => import("@/features/households/routes/HouseholdPage"));
const HouseholdEditPage = lazy(() => import("@/features/households/routes/HouseholdEditPage"));
const CyclesPage = lazy(() => import("@/features/cycles/routes/CyclesPage"));
const NewCyclePage = lazy(() => import("@/features/cycles/routes/NewCyclePage"));
const CyclePage = lazy(() => import("@/features/cycles/routes/CyclePage"));
const AttendancePage = lazy(() => import("@/features/cycles/routes/AttendancePage"));
const SkillsPage = lazy(() => import("@/features/cycles/routes/SkillsPage"));
const CallsPage = lazy(() => import("@/features/cycles/routes/CallsPage"));
const ProgrammesPage = lazy(() => import("@/features/cycles/routes/ProgrammesPage"));
const WorkshopPage = lazy(() => import("@/features/workshop/routes/WorkshopPage"));
const NewDevicePage = lazy(() => import("@/features/workshop/routes/NewDevicePage"));
const DevicePage = lazy(() => import("@/features/workshop/routes/DevicePage"));
const DonorsPage = lazy(() => import("@/features/workshop/routes/DonorsPage"));
const VerifyPage = lazy(() => import("@/features/workshop/routes/VerifyPage"));
const CoursesPage = lazy(() => import("@/features/training/routes/CoursesPage"));
const CoursePage = lazy(() => import("@/features/training/routes/CoursePage"));
const CourseAttendancePage = lazy(() => import("@/features/training/routes/CourseAttendancePage"));
const PersonPage = lazy(() => import("@/features/training/routes/PersonPage"));
const MyTrainingPage = lazy(() => import("@/features/training/routes/MyTrainingPage"));
const DashboardPage = lazy(() => import("@/features/dashboards/routes/DashboardPage"));
const FunderReportPage = lazy(() => import("@/features/dashboards/routes/FunderReportPage"));
const NotificationsPage = lazy(() => import("@/features/notifications/routes/NotificationsPage"));
const AdminPage = lazy(() => import("@/features/organisations/routes/AdminPage"));
const OrganisationsPage = lazy(() => import("@/features/organisations/routes/OrganisationsPage"));

function page(element: ReactNode) {
  return <Suspense fallback={<LoadingBlock />}>{element}</Suspense>;
}

/** Pages inside a frame: one that fails to show keeps the header and the menu around its
 * message (see RouteError). */
function framed(children: RouteObject[]): RouteObject[] {
  return [{ errorElement: <RouteError />, children }];
}

const orgPages: RouteObject[] = [
  { index: true, element: page(<OrgHome />) },
  { path: "referrals", element: page(<RequireCapability any={["referrals.inbox", "referrals.send"]}><ReferralsPage /></RequireCapability>) },
  { path: "referrals/new", element: page(<RequireCapability any={["referrals.send"]}><NewReferralPage /></RequireCapability>) },
  { path: "referrals/:referralId", element: page(<RequireCapability any={["referrals.inbox", "referrals.send"]}><ReferralPage /></RequireCapability>) },
  { path: "households", element: page(<RequireCapability any={["households"]}><HouseholdsPage /></RequireCapability>) },
  { path: "households/new", element: page(<RequireCapability any={["households"]}><HouseholdEditPage /></RequireCapability>) },
  { path: "households/:householdId", element: page(<RequireCapability any={["households"]}><HouseholdPage /></RequireCapability>) },
  { path: "households/:householdId/edit", element: page(<RequireCapability any={["households"]}><HouseholdEditPage /></RequireCapability>) },
  { path: "cycles", element: page(<RequireCapability any={["cycles.schedule"]}><CyclesPage /></RequireCapability>) },
  { path: "cycles/new", element: page(<RequireCapability any={["cycles"]}><NewCyclePage /></RequireCapability>) },
  { path: "cycles/:cycleId", element: page(<RequireCapability any={["cycles.schedule"]}><CyclePage /></RequireCapability>) },
  { path: "cycles/:cycleId/sessions/:sessionId", element: page(<RequireCapability any={["cycles"]}><AttendancePage /></RequireCapability>) },
  { path: "cycles/:cycleId/skills", element: page(<RequireCapability any={["cycles"]}><SkillsPage /></RequireCapability>) },
  { path: "programmes", element: page(<RequireCapability any={["programmes.edit"]}><ProgrammesPage /></RequireCapability>) },
  { path: "reminders", element: page(<RequireCapability any={["cycles"]}><CallsPage /></RequireCapability>) },
  { path: "workshop", element: page(<RequireCapability any={["workshop"]}><WorkshopPage /></RequireCapability>) },
  { path: "workshop/devices/new", element: page(<RequireCapability any={["workshop"]}><NewDevicePage /></RequireCapability>) },
  { path: "workshop/devices/:deviceId", element: page(<RequireCapability any={["workshop"]}><DevicePage /></RequireCapability>) },
  { path: "workshop/donors", element: page(<RequireCapability any={["workshop"]}><DonorsPage /></RequireCapability>) },
  { path: "training", element: page(<RequireCapability any={["training"]}><CoursesPage /></RequireCapability>) },
  { path: "training/me", element: page(<RequireCapability any={["training.mine"]}><MyTrainingPage /></RequireCapability>) },
  { path: "training/courses/:courseId", element: page(<RequireCapability any={["training"]}><CoursePage /></RequireCapability>) },
  { path: "training/courses/:courseId/sessions/:sessionId", element: page(<RequireCapability any={["training"]}><CourseAttendancePage /></RequireCapability>) },
  { path: "training/people/:personId", element: page(<RequireCapability any={["training"]}><PersonPage /></RequireCapability>) },
  { path: "dashboard", element: page(<RequireCapability any={["dashboard", "dashboard.referrer", "dashboard.network"]}><DashboardPage /></RequireCapability>) },
  { path: "dashboard/funder-report", element: page(<RequireCapability any={["dashboard"]}><FunderReportPage /></RequireCapability>) },
  { path: "notifications", element: page(<RequireCapability any={["notifications"]}><NotificationsPage /></RequireCapability>) },
  { path: "admin", element: page(<RequireCapability any={["admin.members", "admin.settings"]}><AdminPage /></RequireCapability>) },
  { path: "*", element: <NotFound /> },
];

export const router = createBrowserRouter([
  {
    // Outside a frame (sign-in pages, the first redirect): the message alone.
    errorElement: <RouteError />,
    children: [
      { path: "/login", element: <LoginPage /> },
      { path: "/forgot-password", element: page(<ForgotPasswordPage />) },
      { path: "/invitation", element: page(<InvitationPage />) },
      { path: "/reset-password", element: page(<ResetPasswordPage />) },
      { path: "/verifier", element: page(<VerifyPage />) },
      {
        element: <RequireSession />,
        children: [
          { index: true, element: page(<HomeRedirect />) },
          { path: "admin/organisations", element: <AdminShell />, children: framed([{ index: true, element: page(<OrganisationsPage />) }]) },
          { path: "orgs/:orgId", element: <Shell />, children: framed(orgPages) },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);
