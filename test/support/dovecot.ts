/**
 * A private IMAP server for the e-mail intake tests: Debian's dovecot (`dovecot-imapd`, which
 * .ci/run installs) started in the foreground on a free port of 127.0.0.1, with its own
 * configuration, a temporary maildir and a passwd-file of test mailboxes — no system service,
 * no root process. As root (CI) it runs as the same unprivileged user as the test PostgreSQL
 * clusters (postgres-server.ts), every dovecot process as that one user.
 *
 * `findDovecot()` is undefined on a machine without it: the suite skips, saying so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { asUser, findFreePort, isExecutable, serverUser } from '../../src/server/platform/postgres-server.ts';

const CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];

/** The dovecot binary, or undefined when it is not installed. */
export function findDovecot(): string | undefined {
  return CANDIDATES.find((file) => isExecutable(file));
}

export interface TestMailbox {
  user: string;
  password: string;
}

export interface Dovecot {
  host: string;
  port: number;
  /** `imap://user:password@127.0.0.1:PORT/` of a mailbox. */
  urlOf(mailbox: TestMailbox): string;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function configuration(dir: string, port: number, user: { name: string; uid: number; gid: number }): string {
  return `# Rongthuk test server: plain IMAP on loopback, one maildir per user under ${dir}/mail.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${user.name}
default_internal_group = ${user.name}
default_login_user = ${user.name}
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${user.uid} gid=${user.gid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth {
  user = ${user.name}
}
service auth-worker {
  user = ${user.name}
}
service stats {
  unix_listener stats-reader {
    user = ${user.name}
  }
  unix_listener stats-writer {
    user = ${user.name}
  }
}
`;
}

function chownTree(target: string, uid: number, gid: number): void {
  chownSync(target, uid, gid);
  if (statSync(target).isDirectory()) for (const entry of readdirSync(target)) chownTree(path.join(target, entry), uid, gid);
}

/** The current user as dovecot's one user, when not root. */
function currentUser(): { name: string; uid: number; gid: number } {
  const info = os.userInfo();
  return { name: info.username, uid: info.uid, gid: info.gid };
}

/** Starts dovecot with these mailboxes; resolves once it answers on its port. */
export async function startDovecot(binary: string, mailboxes: TestMailbox[]): Promise<Dovecot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-dovecot-'));
  const system = serverUser();
  const user = system ?? currentUser();
  const port = await findFreePort();
  for (const sub of ['run', 'state', 'mail']) mkdirSync(path.join(dir, sub));
  writeFileSync(path.join(dir, 'dovecot.conf'), configuration(dir, port, user));
  writeFileSync(path.join(dir, 'passwd'), mailboxes.map((mailbox) => `${mailbox.user}:{PLAIN}${mailbox.password}`).join('\n') + '\n');
  if (system) chownTree(dir, system.uid, system.gid);
  const [file, args] = asUser(system, binary, ['-F', '-c', path.join(dir, 'dovecot.conf')]);
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const server of running) server.kill('SIGTERM');
    });
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    running.delete(child);
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForGreeting(port, child, () => output + logOf(dir));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    urlOf: (mailbox) => `imap://${encodeURIComponent(mailbox.user)}:${encodeURIComponent(mailbox.password)}@127.0.0.1:${port}/`,
    stop,
  };
}

function logOf(dir: string): string {
  const file = path.join(dir, 'dovecot.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '';
}

async function waitForGreeting(port: number, child: ChildProcess, diagnostics: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${diagnostics()}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not answer on port ${port} within 15 s:\n${diagnostics()}`);
}
