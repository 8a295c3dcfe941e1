import { memberRef } from '../member/schemas';
import { answeredAsStatus, envelope, timestamp, z } from '../../utils/route-schemas';

export { z };

/** A registration's workshop, added to every registration of `GET /registrations` and `GET /registrations/:id`. */
export const registrationWorkshop = z
  .looseObject({
    documentId: z.string(),
    title: z.string(),
    startsAt: timestamp,
    endsAt: timestamp,
    timezone: z.string().describe('IANA time zone, e.g. Europe/Brussels'),
  })
  .nullable()
  .describe(
    'in `locale` where the workshop has it, else the default locale; null when the workshop is gone or not visible to the caller. With `populate[workshop]`, the relation as populated (its filters and fields) instead',
  );

const status = z.enum(['confirmed', 'waitlisted', 'cancelled']).describe(answeredAsStatus('state', 'registration'));
const places = z.object({ capacity: z.number().int(), taken: z.number().int(), left: z.number().int(), waitlisted: z.number().int() });

const registration = z.object({
  documentId: z.string(),
  workshop: z.string().describe('documentId of the workshop'),
  status,
  waitlistPosition: z.number().int().nullable(),
  places,
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** Registering answers whether it created the registration (201) or found it (200). */
export const registered = envelope(registration, z.object({ created: z.boolean() }));
export const cancelled = envelope(registration);
export const workshopRegistrations = envelope(
  z.array(z.object({ documentId: z.string(), status, waitlistPosition: z.number().int().nullable(), member: memberRef.nullable(), createdAt: timestamp })),
);
