import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The part of a nodemailer message a transport needs here: its fields, with addresses parsed. */
type Message = { normalize: (done: (error: Error | null, data: Record<string, unknown>) => void) => void };
type Sent = { envelope: unknown; messageId: unknown; file: string };

/**
 * A nodemailer transport for development and tests: each message is written to `folder` as a JSON
 * file (from, to, subject, text, html…) instead of being sent, so the links of password reset and
 * confirmation e-mails can be read without a mail server, and nothing goes over the network.
 * File names start with the time of writing, so they sort in the order the messages were written.
 */
export const folderTransport = (folder: string) => ({
  name: 'folder',
  version: '1.0.0',
  send(message: Message, done: (error: Error | null, sent?: Sent) => void) {
    message.normalize(async (error, data) => {
      if (error) return done(error);
      try {
        await fs.mkdir(folder, { recursive: true });
        const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`);
        // Reset links are as good as passwords: readable by the owner only. Written under another
        // name, then renamed: whoever reads the folder never meets a half-written message.
        const partial = `${file}.partial`;
        await fs.writeFile(partial, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
        await fs.rename(partial, file);
        done(null, { envelope: data.envelope, messageId: data.messageId, file });
      } catch (writeError) {
        done(writeError as Error);
      }
    });
  },
});
