import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { answeredMessageIds, automaticReason, bodyText, complaintDescription, complaintTitle, replyText, senderOf, textProblem, threadReferences, trackingCodesIn, withinLimit, MAX_TEXT } from './mail-facts.ts';

const parse = (headers: string[], body = 'ข้อความ') => simpleParser(Buffer.from([...headers, '', body].join('\r\n')));

describe('automaticReason', () => {
  it('takes a message a person wrote, Auto-Submitted: no included', async () => {
    expect(automaticReason(await parse(['From: a@example.test', 'Subject: x']))).toBeUndefined();
    expect(automaticReason(await parse(['From: a@example.test', 'Auto-Submitted: no']))).toBeUndefined();
  });

  it('names out-of-office replies, list mail, reports and bounces', async () => {
    expect(automaticReason(await parse(['Auto-Submitted: auto-replied; owner-email="a@example.test"']))).toBe('auto_submitted');
    expect(automaticReason(await parse(['Auto-Submitted: auto-generated']))).toBe('auto_submitted');
    for (const value of ['bulk', 'junk', 'List']) expect(automaticReason(await parse([`Precedence: ${value}`]))).toBe('precedence');
    expect(automaticReason(await parse(['Content-Type: multipart/report; report-type=disposition-notification; boundary=b'], '--b--'))).toBe('delivery_report');
    expect(automaticReason(await parse(['Return-Path: <>', 'From: MAILER-DAEMON@example.test']))).toBe('null_sender');
    expect(automaticReason(await parse(['X-Autoreply: yes']))).toBe('autoreply_header');
  });
});

describe('senderOf', () => {
  it('gives the address in lower case and the display name', async () => {
    expect(senderOf(await parse(['From: "สมชาย ใจดี" <Somchai@Example.TEST>']))).toEqual({ address: 'somchai@example.test', name: 'สมชาย ใจดี' });
  });

  it('is undefined without a usable address', async () => {
    expect(senderOf(await parse(['Subject: none']))).toBeUndefined();
    expect(senderOf(await parse(['From: undisclosed-recipients:;']))).toBeUndefined();
  });
});

describe('threading', () => {
  it('finds tracking codes in a subject, typed loosely', () => {
    expect(trackingCodesIn('Re: รับเรื่องแล้ว: เรื่องเลขที่ RT-69-7K3M9Q')).toEqual(['RT-69-7K3M9Q']);
    expect(trackingCodesIn('เรื่อง rt-69-7k3m9q')).toEqual(['RT-69-7K3M9Q']);
    expect(trackingCodesIn('ไม่มีเลขที่เรื่อง')).toEqual([]);
  });

  it('reads In-Reply-To first, then References from the newest', async () => {
    const mail = await parse(['In-Reply-To: <c@x.test>', 'References: <a@x.test> <b@x.test> <c@x.test>', 'Message-ID: <d@x.test>']);
    expect(answeredMessageIds(mail)).toEqual(['<c@x.test>', '<b@x.test>', '<a@x.test>']);
    expect(threadReferences(mail)).toEqual(['<a@x.test>', '<b@x.test>', '<c@x.test>', '<d@x.test>']);
  });
});

describe('texts', () => {
  it('prefers the text/plain part, and turns an HTML-only message into text', async () => {
    const both = await parse(
      ['Content-Type: multipart/alternative; boundary=b'],
      ['--b', 'Content-Type: text/plain; charset=utf-8', '', 'ข้อความธรรมดา', '--b', 'Content-Type: text/html; charset=utf-8', '', '<p>ข้อความ <b>HTML</b></p>', '--b--'].join('\r\n'),
    );
    expect(bodyText(both)).toBe('ข้อความธรรมดา');
    const htmlOnly = await parse(['Content-Type: text/html; charset=utf-8'], '<p>ถนน<b>ชำรุด</b></p><p>หน้าโรงเรียน</p><script>alert(1)</script>');
    expect(bodyText(htmlOnly)).toContain('ถนนชำรุด');
    expect(bodyText(htmlOnly)).toContain('หน้าโรงเรียน');
    expect(bodyText(htmlOnly)).not.toContain('<');
  });

  it('keeps what a reply adds above the quote', () => {
    expect(replyText('ข้อมูลเพิ่มเติมครับ\n\nOn Mon, 7 Dec 2026 at 09:00, ร้องทุกข์ wrote:\n> เดิม')).toBe('ข้อมูลเพิ่มเติมครับ');
    expect(replyText('เพิ่มเติม\n\nเมื่อ จ. 7 ธ.ค. 2569 09:00 ร้องทุกข์ เขียนว่า:\n> เดิม')).toBe('เพิ่มเติม');
    expect(replyText('เพิ่มเติม\n-----Original Message-----\nFrom: x')).toBe('เพิ่มเติม');
    expect(replyText('เพิ่มเติม\n> เดิม\n>\n> เดิมอีก')).toBe('เพิ่มเติม');
    expect(replyText('> ยกมา\nตอบตรงนี้')).toBe('> ยกมา\nตอบตรงนี้');
  });

  it('describes a complaint by its body, else with its subject, else says only files came', () => {
    expect(complaintDescription('ถนนชำรุด', 'ถนนหน้าโรงเรียนเป็นหลุมลึก', 0)).toBe('ถนนหน้าโรงเรียนเป็นหลุมลึก');
    expect(complaintDescription('ถนนหน้าโรงเรียนชำรุด', 'ดูด้วย', 0)).toBe('ถนนหน้าโรงเรียนชำรุด\nดูด้วย');
    expect(complaintDescription('', '', 1)).toBe('(อีเมลไม่มีข้อความ โปรดดูไฟล์แนบ)');
    expect(complaintDescription('', '', 0)).toBeUndefined();
  });

  it('cuts a long text within the limit and says so', () => {
    const cut = withinLimit('ก'.repeat(MAX_TEXT + 100));
    expect(cut.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(cut).toContain('ฉบับเต็มอยู่ในกล่องจดหมาย');
  });

  it('titles a case by its subject without reply prefixes', () => {
    expect(complaintTitle('Re: Fwd: ไฟดับ')).toBe('ไฟดับ');
    expect(complaintTitle('   ')).toBeUndefined();
  });

  it('refuses text that cannot be stored', () => {
    expect(textProblem('ปกติ', 'a\ud800b')).toBe('unstorable_text_lone_surrogate');
    expect(textProblem('ปกติ')).toBeNull();
  });
});
