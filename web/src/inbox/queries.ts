// The inbox's reads and writes through the typed client; every key starts with INBOX_KEY so the live stream and
// each change refetch them all at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, must, type Schemas } from '../api/client';
import type { ListQuery } from './filters';
import { INBOX_KEY } from './live';
import type { Status } from './tasks';

export type Message = Schemas['InboxMessageOut'];
export type Reply = Schemas['InboxReplyOut'];
export type MatchView = Schemas['InboxMatchViewOut'];
export type Invoice = Schemas['InboxInvoiceOut'];
export type Assignment = Schemas['InboxAssignIn'];

export function useTasks(query: ListQuery | null) {
  return useQuery({
    queryKey: [INBOX_KEY, 'tasks', query],
    enabled: !!query,
    refetchInterval: 60_000, // overdue marks and tasks no event announces (a status move) catch up within a minute
    queryFn: async () => must(await api.GET('/api/v1/inbox/tasks', { params: { query: query! } })),
  });
}

export function useTask(taskId: string | null) {
  return useQuery({
    queryKey: [INBOX_KEY, 'task', taskId],
    enabled: !!taskId,
    queryFn: async () => must(await api.GET('/api/v1/inbox/tasks/{task_id}', { params: { path: { task_id: taskId! } } })),
  });
}

export function useMessage(messageId: string | null) {
  return useQuery({
    queryKey: [INBOX_KEY, 'message', messageId],
    enabled: !!messageId,
    staleTime: 5 * 60_000, // a stored message does not change; its reads are audited, so read it once
    queryFn: async () =>
      must(await api.GET('/api/v1/inbox/messages/{message_id}', { params: { path: { message_id: messageId! } } })),
  });
}

export function useReplies(messageId: string | null) {
  return useQuery({
    queryKey: [INBOX_KEY, 'replies', messageId],
    enabled: !!messageId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/inbox/messages/{message_id}/replies', { params: { path: { message_id: messageId! } } }),
      ),
  });
}

export function useMatchView(invoiceId: string | null) {
  return useQuery({
    queryKey: [INBOX_KEY, 'match', invoiceId],
    enabled: !!invoiceId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/inbox/supplier-invoices/{invoice_id}/match', {
          params: { path: { invoice_id: invoiceId! } },
        }),
      ),
  });
}

export function useInvoice(invoiceId: string | null) {
  return useQuery({
    queryKey: [INBOX_KEY, 'invoice', invoiceId],
    enabled: !!invoiceId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/inbox/supplier-invoices/{invoice_id}', { params: { path: { invoice_id: invoiceId! } } }),
      ),
  });
}

/** A change to the inbox: when it settles, every inbox query refetches (lists, the task, its message). */
function useInboxChange<Args, Out>(change: (args: Args) => Promise<Out>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => queries.invalidateQueries({ queryKey: [INBOX_KEY] }),
  });
}

const task = (task_id: string) => ({ params: { path: { task_id } } });

export function useTaskChanges(taskId: string) {
  return {
    claim: useInboxChange(async () => must(await api.POST('/api/v1/inbox/tasks/{task_id}/claim', task(taskId)))),
    assign: useInboxChange(async (body: Assignment) =>
      must(await api.POST('/api/v1/inbox/tasks/{task_id}/assign', { ...task(taskId), body })),
    ),
    move: useInboxChange(async ({ status, reason = '' }: { status: Status; reason?: string }) =>
      must(await api.POST('/api/v1/inbox/tasks/{task_id}/status', { ...task(taskId), body: { status, reason } })),
    ),
    note: useInboxChange(async (text: string) =>
      must(await api.POST('/api/v1/inbox/tasks/{task_id}/notes', { ...task(taskId), body: { text } })),
    ),
  };
}

export function useReply(messageId: string) {
  return useInboxChange(async (body: { body: string; subject?: string }) =>
    must(
      await api.POST('/api/v1/inbox/messages/{message_id}/replies', {
        params: { path: { message_id: messageId } },
        body,
      }),
    ),
  );
}

export function useBulk() {
  return {
    assign: useInboxChange(async (body: { task_ids: string[]; owner: string }) =>
      must(await api.POST('/api/v1/inbox/tasks/bulk/assign', { body })),
    ),
    complete: useInboxChange(async (task_ids: string[]) =>
      must(await api.POST('/api/v1/inbox/tasks/bulk/complete', { body: { task_ids } })),
    ),
  };
}
