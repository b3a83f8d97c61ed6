import { Badge, Button, Divider, Group, Paper, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import type { StaffMember } from '../api/client';
import { usePatientNames } from '../schedule/patients';
import { Failed, Loading } from '../screens/states';
import { ROLE_LABELS } from '../shell/nav';
import { actionsFor, invoiceOf, messageOf, type Me } from './actions';
import { BookPanel } from './BookPanel';
import { isBookable } from './booking';
import { at, describeEntry, newestFirst } from './history';
import { MatchPanel } from './MatchPanel';
import { MessagePanel } from './MessagePanel';
import { Problem } from './Problem';
import { useTask, useTaskChanges } from './queries';
import { TaskActionsBar } from './TaskActions';
import { categoryLabel, dueLabel, isOverdue, PRIORITY_COLORS, PRIORITY_LABELS, STATUS_LABELS } from './tasks';
import { useNow } from './useNow';

type Props = { taskId: string; me: Me; nameOf: (id: string | null) => string; members: StaffMember[]; timeZone: string };

/** One task: what it is, what may be done with it, what it is about (a message, an invoice), its notes and history. */
export function TaskDetailPanel({ taskId, me, nameOf, members, timeZone }: Props) {
  const task = useTask(taskId);
  const now = useNow();
  if (task.error) return <Failed error={task.error} retry={() => void task.refetch()} />;
  if (!task.data) return <Loading what="the task" />;
  const t = task.data;
  const actions = actionsFor(t, me);
  const messageId = messageOf(t);
  const invoiceId = invoiceOf(t);
  return (
    <Paper withBorder p="md" component="section" aria-label="Task" data-open-task={t.id}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t.title}
        </Title>
        <Group gap={6}>
          <Badge color={PRIORITY_COLORS[t.priority]} autoContrast>
            {PRIORITY_LABELS[t.priority]}
          </Badge>
          <Badge variant="outline" color="gray.7" data-status={t.status}>
            {STATUS_LABELS[t.status]}
          </Badge>
          {isOverdue(t, now) && <Badge color="red.9">Overdue</Badge>}
          {t.escalated && <Badge color="grape.9">Escalated</Badge>}
          {t.business_status && <Badge variant="light">{t.business_status}</Badge>}
        </Group>
        <Text size="sm">
          {categoryLabel(t.category)} · for the {ROLE_LABELS[t.role] ?? t.role} pool · owner{' '}
          <Text span fw={600} data-owner={t.owner ?? ''}>
            {nameOf(t.owner)}
          </Text>
        </Text>
        <Text size="sm" c="dimmed">
          {t.due_at ? `Due ${at(t.due_at, timeZone)} (${dueLabel(t, now)})` : 'No due time'} · opened {at(t.created_at, timeZone)} by{' '}
          {nameOf(t.created_by)}
        </Text>
        {t.patient_id && <PatientLine patientId={t.patient_id} />}
        {t.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t.description}
          </Text>
        )}
        <TaskActionsBar task={t} actions={actions} members={members} />
        {messageId && (
          <>
            <Divider label="The message" labelPosition="left" />
            <MessagePanel messageId={messageId} timeZone={timeZone} canReply={actions.reply} />
          </>
        )}
        {isBookable(t) && (
          <>
            <Divider label="Book" labelPosition="left" />
            <BookPanel
              key={t.id}
              task={t}
              timeZone={timeZone}
              nameOf={nameOf}
              mayComplete={actions.moves.some((m) => m.status === 'completed')}
            />
          </>
        )}
        {invoiceId && (
          <>
            <Divider label="Three-way match" labelPosition="left" />
            <MatchPanel invoiceId={invoiceId} me={me} />
          </>
        )}
        <Divider label="Notes" labelPosition="left" />
        {t.notes.length === 0 && (
          <Text size="sm" c="dimmed">
            No notes yet.
          </Text>
        )}
        {t.notes.map((n, i) => (
          <Paper key={i} bg="gray.0" p="xs">
            <Text size="xs" c="dimmed">
              {nameOf(n.author)} · {at(n.created_at, timeZone)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n.text}
            </Text>
          </Paper>
        ))}
        <NoteForm taskId={t.id} />
        <Divider label="History" labelPosition="left" />
        <Timeline bulletSize={12} lineWidth={2} aria-label="History">
          {newestFirst(t.history).map((h, i) => (
            <Timeline.Item key={i}>
              <Text size="sm">{describeEntry(h, (id) => nameOf(id))}</Text>
              <Text size="xs" c="dimmed">
                {at(h.at, timeZone)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Paper>
  );
}

function PatientLine({ patientId }: { patientId: string }) {
  const name = usePatientNames([patientId]);
  return <Text size="sm">Patient: {name(patientId)}</Text>;
}

function NoteForm({ taskId }: { taskId: string }) {
  const [text, setText] = useState('');
  const { note } = useTaskChanges(taskId);
  return (
    <Stack gap={6}>
      <Textarea label="Add a note" rows={2} maxLength={4000} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <Problem error={note.error} />
      <Button
        size="xs"
        w="fit-content"
        disabled={!text.trim()}
        loading={note.isPending}
        onClick={() => note.mutate(text.trim(), { onSuccess: () => setText('') })}
      >
        Save note
      </Button>
    </Stack>
  );
}
