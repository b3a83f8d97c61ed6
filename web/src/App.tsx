import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { SignIn } from './auth/SignIn';
import { BillingPage } from './billing/BillingPage';
import { ClaimPage } from './billing/ClaimPage';
import { CompliancePage } from './compliance/CompliancePage';
import { FacilitiesPage } from './facilities/FacilitiesPage';
import { FlowBoard } from './flow/FlowBoard';
import { InboxPage } from './inbox/InboxPage';
import { PatientPage } from './patients/PatientPage';
import { PatientsPage } from './patients/PatientsPage';
import { SchedulePage } from './schedule/SchedulePage';
import { Placeholder } from './screens/Placeholder';
import { LocationProvider } from './shell/LocationContext';
import { homeFor } from './shell/nav';
import { Shell } from './shell/Shell';

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
          <Route path="compliance" element={<CompliancePage />} />
          <Route path="facilities" element={<FacilitiesPage />} />
          <Route path="*" element={<Placeholder title="Not here yet" note="This screen is not built yet." />} />
        </Route>
      </Routes>
    </LocationProvider>
  );
}
