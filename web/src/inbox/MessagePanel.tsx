import { Badge, Button, Group, Paper, Stack, Table, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { authFetch } from '../api/client';
import { Failed, Loading } from '../screens/states';
import { at, fileSize } from './history';
import { Problem } from './Problem';
import { useMessage, useReplies, useReply, type Message } from './queries';

/** The email a task is about: who sent it, what it says, what came with it, and the replies sent from here. */
export function MessagePanel({ messageId, timeZone, canReply }: { messageId: string; timeZone: string; canReply: boolean }) {
  const message = useMessage(messageId);
  if (message.error) return <Failed error={message.error} retry={() => void message.refetch()} />;
  if (!message.data) return <Loading what="the message" />;
  const m = message.data;
  return (
    <Stack gap="xs" data-message={m.id}>
      <Text size="sm">
        <b>From</b> {m.sender_name ? `${m.sender_name} <${m.sender}>` : m.sender}
      </Text>
      <Text size="sm">
        <b>Subject</b> {m.subject || '(no subject)'}
      </Text>
      <Text size="xs" c="dimmed">
        Received {at(m.received_at, timeZone)} · to {m.recipients.join(', ')}
      </Text>
      {m.flags.length > 0 && (
        <Group gap={4}>
          {m.flags.map((f) => (
            <Badge key={f} size="xs" variant="light">
              {f.replace(/_/g, ' ')}
            </Badge>
          ))}
        </Group>
      )}
      {/* A long message scrolls inside its box; the keyboard reaches it (tabIndex) to scroll. */}
      <Paper withBorder p="xs" mah={260} style={{ overflowY: 'auto' }} tabIndex={0} role="region" aria-label="Message text">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-message-text>
          {m.text || (m.html ? 'This message came as HTML only; its text could not be shown.' : '(empty)')}
        </Text>
      </Paper>
      <Attachments message={m} />
      {canReply && <Replies message={m} timeZone={timeZone} />}
    </Stack>
  );
}

function Attachments({ message }: { message: Message }) {
  if (!message.attachments.length) return <Text size="xs" c="dimmed">No attachments.</Text>;
  return (
    <Table withTableBorder striped={false} fz="sm" aria-label="Attachments">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Attachment</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>
            <VisuallyHidden>Download</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {message.attachments.map((a) => (
          <Table.Tr key={a.id} data-attachment={a.filename}>
            <Table.Td>{a.filename}</Table.Td>
            <Table.Td>{a.content_type}</Table.Td>
            <Table.Td>{fileSize(a.size)}</Table.Td>
            <Table.Td>
              {a.stored ? (
                <Button size="compact-xs" variant="subtle" onClick={() => void download(message.id, a.id, a.filename)} aria-label={`Download ${a.filename}`}>
                  Download
                </Button>
              ) : (
                <Text size="xs">not kept ({(a.flag ?? 'refused').replace(/_/g, ' ')})</Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The bytes need the bearer token, so a plain link would not do: fetch them and hand the browser a blob. */
async function download(messageId: string, attachmentId: number, filename: string) {
  const response = await authFetch(new Request(`/api/v1/inbox/messages/${messageId}/attachments/${attachmentId}`));
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Replies({ message, timeZone }: { message: Message; timeZone: string }) {
  const replies = useReplies(message.id);
  const send = useReply(message.id);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  return (
    <Stack gap={6}>
      {(replies.data ?? []).map((r) => (
        <Paper key={r.id} withBorder p="xs" data-reply={r.status}>
          <Group gap={6}>
            <Badge size="xs" variant="light" color={r.status === 'sent' ? 'green' : 'red'}>
              Reply {r.status}
            </Badge>
            <Text size="xs">
              {at(r.sent_at, timeZone)} · to {r.to_address} · {r.subject}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.body}
          </Text>
          {r.error && <Text size="xs">{r.error}</Text>}
        </Paper>
      ))}
      <TextInput label="Reply subject" placeholder={`Re: ${message.subject}`} maxLength={200} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
      <Textarea label="Reply" rows={4} maxLength={50_000} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
      <Problem error={send.error} title="Not sent" />
      <Button
        size="xs"
        w="fit-content"
        disabled={!body.trim()}
        loading={send.isPending}
        onClick={() =>
          send.mutate({ body, ...(subject.trim() ? { subject: subject.trim() } : {}) }, { onSuccess: () => (setBody(''), setSubject('')) })
        }
      >
        Send reply
      </Button>
    </Stack>
  );
}
