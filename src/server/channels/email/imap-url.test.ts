import { describe, expect, it } from 'vitest';
import { describeImapAddress, isImapUrlProblem, parseImapUrl } from './imap-url.ts';

describe('parseImapUrl', () => {
  it('reads imaps and imap URLs with their default ports and folder', () => {
    expect(parseImapUrl('imaps://complaints%40taphanhin.go.th:p%40ss@mail.go.th/')).toEqual({
      host: 'mail.go.th',
      port: 993,
      secure: true,
      user: 'complaints@taphanhin.go.th',
      password: 'p@ss',
      folder: 'INBOX',
    });
    expect(parseImapUrl('imap://u:p@127.0.0.1:1143/Complaints')).toMatchObject({ port: 1143, secure: false, folder: 'Complaints' });
  });

  it('refuses other schemes, a missing password, a query — never repeating the password', () => {
    for (const url of ['https://u:p@mail.go.th/', 'imaps://mail.go.th/', 'imaps://u@mail.go.th/', 'imaps://u:secret@mail.go.th/?x=1', 'not a url']) {
      const parsed = parseImapUrl(url);
      expect(isImapUrlProblem(parsed), url).toBe(true);
      expect(JSON.stringify(parsed)).not.toContain('secret');
    }
  });

  it('describes a mailbox without its password', () => {
    const parsed = parseImapUrl('imaps://u:secret@mail.go.th/');
    if (isImapUrlProblem(parsed)) throw new Error(parsed.message);
    expect(describeImapAddress(parsed)).toBe('imaps://u@mail.go.th:993/INBOX');
  });
});
