/** Thai: the staff console. */
export const thStaff = {
  title: 'ระบบงานเจ้าหน้าที่',
  login: {
    heading: 'เข้าสู่ระบบสำหรับเจ้าหน้าที่',
    username: 'ชื่อผู้ใช้',
    password: 'รหัสผ่าน',
    submit: 'เข้าสู่ระบบ',
    signingIn: 'กำลังเข้าสู่ระบบ…',
  },
  nav: {
    inbox: 'เรื่องของหน่วยงาน',
    admin: 'ผู้ดูแลระบบ',
    signOut: 'ออกจากระบบ',
    signedInAs: 'ผู้ใช้: {{name}}',
  },
} as const;
