// The typed API client: paths, bodies and answers from the gateway's combined OpenAPI (schema.d.ts).
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { accessToken, refresh } from './session';

export type Schemas = components['schemas'];
export type Appointment = Schemas['SchedulingAppointmentOut'];
export type Location = Schemas['FacilitiesLocationOut'];
export type StaffMember = Schemas['StaffMemberOut'];
export type Patient = Schemas['SchedulingPatientOut'];
export type AppointmentType = Schemas['SchedulingAppointmentTypeOut'];
export type Slot = Schemas['SchedulingSlotOut'];

/** A request with the bearer token; on a 401, one refresh and one retry. */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (request: Request) => {
    const token = accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return fetch(request);
  };
  const response = await send(input);
  if (response.status !== 401 || !accessToken()) return response;
  return (await refresh()) ? send(retry) : response;
}

export const api = createClient<paths>({ baseUrl: '', fetch: authFetch });

export type ApiError = {
  error?: string;
  message?: string;
  field?: string | null;
  details?: Record<string, unknown> | null;
  errors?: { field: string; reason: string }[];
  reasons?: string[];
};

/** What to tell the user about a refused call: the message, or each field with its reason. */
export function describeError(error: unknown): string {
  if (!error) return 'Something went wrong; try again.';
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  const body = error as ApiError;
  if (body.errors?.length) return body.errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
  const message = body.message ?? body.error ?? 'Something went wrong; try again.';
  return body.reasons?.length ? `${message}: ${body.reasons.join('; ')}` : message;
}

/** Unwrap an openapi-fetch answer: the data, or throw the error body (TanStack Query shows it). */
export function must<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    if (result.response.status === 204) return undefined as T;
    throw new ApiFailure(result.response.status, result.error as ApiError);
  }
  return result.data;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(describeError(body) + ` (${status})`);
  }
}
