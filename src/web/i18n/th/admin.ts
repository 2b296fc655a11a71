/** Thai: administration. */
export const thAdmin = {
  title: 'ผู้ดูแลระบบ',
} as const;
