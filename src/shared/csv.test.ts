import { describe, expect, it } from 'vitest';
import { csvCell, parseCsvTable, spreadsheetCsv } from './csv.ts';

describe('parseCsvTable', () => {
  it('gives the records after the header and the position of each named column', () => {
    const { body, columns } = parseCsvTable('ticket_id,comment,type\n1,"ถนนพัง, หลุมลึก",ถนน\n2,ไฟดับ,แสงสว่าง\n', 'tickets.csv', ['type', 'comment']);
    expect(columns).toEqual([2, 1]);
    expect(body.map((record) => record.fields[columns[1]])).toEqual(['ถนนพัง, หลุมลึก', 'ไฟดับ']);
  });

  it('names the source and the missing column, or an empty file', () => {
    expect(() => parseCsvTable('a,b\n1,2\n', 'x.csv', ['a', 'district'])).toThrow('x.csv: no column district');
    expect(() => parseCsvTable('', 'empty.csv', ['a'])).toThrow('empty.csv: empty');
  });
});

describe('csvCell', () => {
  it('quotes what needs quoting and, by default, keeps a spreadsheet from running a formula', () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-ถนน', false)).toBe('-ถนน');
    expect(csvCell(null)).toBe('');
  });
});

describe('spreadsheetCsv', () => {
  it('starts with a byte-order mark, ends lines with CRLF and quotes every cell as csvCell does', () => {
    expect(spreadsheetCsv(['a', 'b'], [['ถนน, พัง', '@cmd'], [null, 3]])).toBe('\uFEFFa,b\r\n"ถนน, พัง",\'@cmd\r\n,3\r\n');
    expect(spreadsheetCsv(['a'], [])).toBe('\uFEFFa\r\n');
  });
});
