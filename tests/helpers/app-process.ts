import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import supertest from 'supertest';

export type AppProcess = {
  /** supertest agent on the other process's HTTP server. */
  http: () => supertest.Agent;
  /** Resolves once the other process's sync worker has applied every change that is due. */
  settle: () => Promise<void>;
  /** Stops the other process; resolves to the ids of the outbox rows its worker claimed. */
  stop: () => Promise<number[]>;
};

/**
 * Starts another app process on the database (and search engine) this test process's environment
 * names, as in a deployment with several processes: see run-app-process.js. PostgreSQL only (SQLite runs
 * one process).
 */
export const startAppProcess = async (): Promise<AppProcess> => {
  const claimsFile = path.join(os.tmpdir(), `claims-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const child = spawn(process.execPath, [path.join(__dirname, 'run-app-process.js')], {
    env: { ...process.env, CLAIMS_FILE: claimsFile, LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Replies in the order the commands were sent.
  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  const reply = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('@app-process ')) waiting.shift()?.resolve(line.slice('@app-process '.length));
  });
  void exited.then((code) => waiting.splice(0).forEach(({ reject }) => reject(new Error(`the other app process exited with ${code}`))));

  const ready = await reply();
  const port = Number(/^ready (\d+)$/.exec(ready)?.[1]);
  if (!port) throw new Error(`the other app process did not start: ${ready}`);

  return {
    http: () => supertest.agent(`http://127.0.0.1:${port}`),
    async settle() {
      const answer = reply();
      child.stdin!.write('settle\n');
      const line = await answer;
      if (line !== 'settled') throw new Error(`the other app process did not settle: ${line}`);
    },
    async stop() {
      child.stdin!.end();
      await exited;
      const claimed = JSON.parse(fs.readFileSync(claimsFile, 'utf8')) as number[];
      fs.rmSync(claimsFile);
      return claimed;
    },
  };
};
