/**
 * Reference data loaders for seeding: Thai administrative areas (DOPA codes)
 * and the government-office holiday calendar.
 *
 * Pure functions over the data files in ./data (see ./data/NOTICE.md for
 * sources and licences). No database access here.
 */
import { readFileSync } from 'node:fs';
import { CsvSyntaxError, parseCsvRecords } from '../../shared/csv.ts';

export type AdminAreaLevel = 'province' | 'district' | 'subdistrict';

export interface AdminArea {
  /** DOPA code: province "10", district "1001", subdistrict "100101". */
  code: string;
  level: AdminAreaLevel;
  /** Province code for a district, district code for a subdistrict, null for a province. */
  parentCode: string | null;
  nameTh: string;
  nameEn: string;
  /** Centroid; only subdistricts carry one, and a few of them lack it. */
  lat: number | null;
  lon: number | null;
  /** Postcode; only subdistricts carry one. */
  postcode: string | null;
}

export interface GovernmentHoliday {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Thai name; several names on one day are joined with "; ". */
  name: string;
}

const DATA_DIR = new URL('./data/', import.meta.url);

function readDataFile(relativePath: string): string {
  return readFileSync(new URL(relativePath, DATA_DIR), 'utf8');
}

/**
 * Parses CSV text (RFC 4180 style) into records of fields: the shared reader of
 * src/shared/csv.ts without line numbers. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parseCsvRecords(text).map((record) => record.fields);
  } catch (error) {
    throw error instanceof CsvSyntaxError ? new Error(`CSV: ${error.message}`) : error;
  }
}

/** Parses one CSV line into its fields. */
export function parseCsvLine(line: string): string[] {
  const records = parseCsv(line);
  if (records.length > 1) throw new Error('CSV: more than one record in a line');
  return records[0] ?? [];
}

type Row = Record<string, string>;

function readCsvRows(relativePath: string, required: readonly string[]): Row[] {
  const [header, ...body] = parseCsv(readDataFile(relativePath));
  if (!header) throw new Error(`${relativePath}: empty file`);
  const names = header.map((h) => h.trim());
  for (const column of required) {
    if (!names.includes(column)) throw new Error(`${relativePath}: missing column ${column}`);
  }
  return body.map((fields, index) => {
    if (fields.length !== names.length) {
      throw new Error(
        `${relativePath}: record ${index + 2} has ${fields.length} fields, expected ${names.length}`,
      );
    }
    const row: Row = {};
    names.forEach((name, j) => {
      row[name] = (fields[j] ?? '').trim();
    });
    return row;
  });
}

function col(row: Row, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`missing column ${name}`);
  return value;
}

function nonEmpty(row: Row, name: string, file: string): string {
  const value = col(row, name);
  if (value === '') throw new Error(`${file}: empty ${name} in ${JSON.stringify(row)}`);
  return value;
}

function optionalNumber(value: string): number | null {
  if (value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Loads the 77 provinces, 928 districts and 7,436 subdistricts, in that order
 * (each level in file order), with parent codes resolved.
 */
export function loadAdminAreas(): AdminArea[] {
  const provinceFile = 'geo/provinces.csv';
  const districtFile = 'geo/districts.csv';
  const subdistrictFile = 'geo/sub_districts.csv';

  const provinceRows = readCsvRows(provinceFile, [
    'PROVINCE_ID',
    'CODE',
    'PROVINCE_THAI',
    'PROVINCE_ENGLISH',
  ]);
  const districtRows = readCsvRows(districtFile, [
    'DISTRICT_ID',
    'PROVINCE_ID',
    'DISTRICT_CODE',
    'DISTRICT_THAI',
    'DISTRICT_ENGLISH',
  ]);
  const subdistrictRows = readCsvRows(subdistrictFile, [
    'SUB_DISTRICT_ID',
    'DISTRICT_ID',
    'SUB_DISTRICT_CODE',
    'SUB_DISTRICT_THAI',
    'SUB_DISTRICT_ENGLISH',
    'LATITUDE',
    'LONGITUDE',
    'POSTAL_CODE',
  ]);

  const areas: AdminArea[] = [];
  const seen = new Set<string>();
  const add = (area: AdminArea, file: string): void => {
    if (seen.has(area.code)) throw new Error(`${file}: duplicate code ${area.code}`);
    seen.add(area.code);
    areas.push(area);
  };

  const provinceCodeById = new Map<string, string>();
  for (const row of provinceRows) {
    const code = nonEmpty(row, 'CODE', provinceFile);
    if (!/^\d{2}$/.test(code)) throw new Error(`${provinceFile}: bad province code ${code}`);
    provinceCodeById.set(nonEmpty(row, 'PROVINCE_ID', provinceFile), code);
    add(
      {
        code,
        level: 'province',
        parentCode: null,
        nameTh: nonEmpty(row, 'PROVINCE_THAI', provinceFile),
        nameEn: nonEmpty(row, 'PROVINCE_ENGLISH', provinceFile),
        lat: null,
        lon: null,
        postcode: null,
      },
      provinceFile,
    );
  }

  const districtCodeById = new Map<string, string>();
  for (const row of districtRows) {
    const code = nonEmpty(row, 'DISTRICT_CODE', districtFile);
    const provinceId = nonEmpty(row, 'PROVINCE_ID', districtFile);
    const parentCode = provinceCodeById.get(provinceId);
    if (parentCode === undefined) {
      throw new Error(`${districtFile}: district ${code} has unknown PROVINCE_ID ${provinceId}`);
    }
    if (!/^\d{4}$/.test(code) || !code.startsWith(parentCode)) {
      throw new Error(`${districtFile}: district code ${code} does not fit province ${parentCode}`);
    }
    districtCodeById.set(nonEmpty(row, 'DISTRICT_ID', districtFile), code);
    add(
      {
        code,
        level: 'district',
        parentCode,
        nameTh: nonEmpty(row, 'DISTRICT_THAI', districtFile),
        nameEn: nonEmpty(row, 'DISTRICT_ENGLISH', districtFile),
        lat: null,
        lon: null,
        postcode: null,
      },
      districtFile,
    );
  }

  for (const row of subdistrictRows) {
    const code = nonEmpty(row, 'SUB_DISTRICT_CODE', subdistrictFile);
    const districtId = nonEmpty(row, 'DISTRICT_ID', subdistrictFile);
    const parentCode = districtCodeById.get(districtId);
    if (parentCode === undefined) {
      throw new Error(`${subdistrictFile}: subdistrict ${code} has unknown DISTRICT_ID ${districtId}`);
    }
    if (!/^\d{6}$/.test(code) || !code.startsWith(parentCode)) {
      throw new Error(
        `${subdistrictFile}: subdistrict code ${code} does not fit district ${parentCode}`,
      );
    }
    const postcode = col(row, 'POSTAL_CODE');
    add(
      {
        code,
        level: 'subdistrict',
        parentCode,
        nameTh: nonEmpty(row, 'SUB_DISTRICT_THAI', subdistrictFile),
        nameEn: nonEmpty(row, 'SUB_DISTRICT_ENGLISH', subdistrictFile),
        lat: optionalNumber(col(row, 'LATITUDE')),
        lon: optionalNumber(col(row, 'LONGITUDE')),
        postcode: postcode === '' ? null : postcode,
      },
      subdistrictFile,
    );
  }

  return areas;
}

interface HolidayFile {
  source: string;
  days: Record<string, string>;
}

/**
 * Loads the days Thai government offices are closed (public plus government
 * holidays, 2015–2030), sorted by date. Weekend days may be listed too.
 */
export function loadGovernmentHolidays(): GovernmentHoliday[] {
  const file = 'holidays/th-government-holidays.json';
  const parsed = JSON.parse(readDataFile(file)) as unknown;
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as Partial<HolidayFile>).days !== 'object' ||
    (parsed as Partial<HolidayFile>).days === null
  ) {
    throw new Error(`${file}: expected an object with "days"`);
  }
  const days = (parsed as HolidayFile).days;
  return Object.entries(days)
    .map(([date, name]) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof name !== 'string' || name === '') {
        throw new Error(`${file}: bad entry ${date}`);
      }
      return { date, name };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
