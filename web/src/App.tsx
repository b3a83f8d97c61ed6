import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { SignIn } from './auth/SignIn';
import { screen } from './screens/lazy';
import { Placeholder } from './screens/Placeholder';
import { LocationProvider } from './shell/LocationContext';
import { homeFor } from './shell/nav';
import { Shell } from './shell/Shell';

// Each screen is its own chunk, fetched the first time it opens.
const SchedulePage = screen(() => import('./schedule/SchedulePage'), 'SchedulePage');
const FlowBoard = screen(() => import('./flow/FlowBoard'), 'FlowBoard');
const InboxPage = screen(() => import('./inbox/InboxPage'), 'InboxPage');
const BillingPage = screen(() => import('./billing/BillingPage'), 'BillingPage');
const ClaimPage = screen(() => import('./billing/ClaimPage'), 'ClaimPage');
const PatientsPage = screen(() => import('./patients/PatientsPage'), 'PatientsPage');
const PatientPage = screen(() => import('./patients/PatientPage'), 'PatientPage');
const StaffPage = screen(() => import('./staff/StaffPage'), 'StaffPage');
const DashboardPage = screen(() => import('./dashboard/DashboardPage'), 'DashboardPage');
const CompliancePage = screen(() => import('./compliance/CompliancePage'), 'CompliancePage');
const FacilitiesPage = screen(() => import('./facilities/FacilitiesPage'), 'FacilitiesPage');

export function App() {
  const { claims } = useAuth();
  if (!claims) return <SignIn />;
  return (
    <LocationProvider>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<Navigate to={homeFor(claims.roles)} replace />} />
          <Route path="schedule" element={<SchedulePage />} />
          <Route path="flow" element={<FlowBoard />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="billing" element={<BillingPage />} />
          <Route path="billing/claims/:claimId" element={<ClaimPage />} />
          <Route path="patients" element={<PatientsPage />} />
          <Route path="patients/:patientId" element={<PatientPage />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="staff" element={<StaffPage />} />
          <Route path="compliance" element={<CompliancePage />} />
          <Route path="facilities" element={<FacilitiesPage />} />
          <Route path="*" element={<Placeholder title="Not here yet" note="This screen is not built yet." />} />
        </Route>
      </Routes>
    </LocationProvider>
  );
}
