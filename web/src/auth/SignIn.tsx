import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { describeError, type ApiError } from '../api/client';
import { store, type Tokens } from '../api/session';

/** Email and password; the authenticator's code for the roles enrolled in it (admins, compliance officers). */
export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password, ...(otp ? { otp } : {}) }),
      });
      if (response.ok) {
        store((await response.json()) as Tokens);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as ApiError;
      if (response.status === 401) {
        // The gateway does not say which half was wrong; an enrolled user may simply need the code.
        setAskCode(true);
        setError(
          otp
            ? 'The email, password or code was not accepted. Check them and try again.'
            : 'Not accepted. Check your email and password; if your account uses an authenticator, enter its code.',
        );
      } else if (response.status === 429) {
        setError('Too many attempts from here. Wait a minute, then try again.');
      } else {
        setError(describeError(body));
      }
    } catch {
      setError('The console cannot reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w={380} radius="md">
        <form onSubmit={submit} aria-label="Sign in">
          <Stack>
            <Title order={1} size="h2">
              clinicops
            </Title>
            <Text c="dimmed" size="sm">
              Sign in to the office console
            </Text>
            {error && (
              <Alert color="red" role="alert" title="Sign-in refused">
                {error}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {askCode ? (
              <TextInput
                label="Authenticator code"
                description="6 digits from your authenticator app, or a recovery code"
                autoComplete="one-time-code"
                inputMode="numeric"
                value={otp}
                onChange={(e) => setOtp(e.currentTarget.value.trim())}
              />
            ) : (
              <Anchor component="button" type="button" size="sm" onClick={() => setAskCode(true)}>
                I have an authenticator code
              </Anchor>
            )}
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
