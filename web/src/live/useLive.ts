import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAuth } from '../auth/AuthContext';
import { INBOX_KEY, touchesInbox } from '../inbox/live';
import { arrivals } from './arrivals';
import { follow, type LiveFrame } from './stream';

/** While signed in, the schedule, the flow board and the inbox refetch what a live event changed. */
export function useLive(): void {
  const { claims } = useAuth();
  const queries = useQueryClient();
  const signedIn = !!claims;
  useEffect(() => {
    if (!signedIn) return;
    const stop = new AbortController();
    const onFrame = (frame: LiveFrame) => {
      if (touchesInbox(frame)) void queries.invalidateQueries({ queryKey: [INBOX_KEY] });
      if (frame.event === 'reset') {
        void queries.invalidateQueries({ queryKey: ['day-sheet'] });
        return;
      }
      if (frame.event !== 'scheduling.appointment') return;
      const { appointment_id, arrived_at, location_id } = frame.data as Record<string, string>;
      if (appointment_id && arrived_at) arrivals.set(appointment_id, arrived_at);
      void queries.invalidateQueries({ queryKey: ['day-sheet', location_id] });
    };
    void follow(onFrame, stop.signal);
    return () => stop.abort();
  }, [signedIn, queries]);
}
