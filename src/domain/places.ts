/**
 * 경기도 31 시·군 행정표준코드 (docs/domain.md "Offices and regions"): the one list the code uses (the
 * catalogue's region parser, the eligibility engine's labels). The database holds the same list in
 * table `municipality`, seeded by migrations/20261127120000_foundation.sql; a test
 * (test/integration/places.test.ts) checks the two agree. Codes of 일반구 below some cities change
 * over time and are not needed to place a notice or a business: a notice names the city.
 */
export const GYEONGGI_MUNICIPALITIES: readonly { code: string; name: string }[] = [
  { code: '41110', name: '수원시' },
  { code: '41130', name: '성남시' },
  { code: '41150', name: '의정부시' },
  { code: '41170', name: '안양시' },
  { code: '41190', name: '부천시' },
  { code: '41210', name: '광명시' },
  { code: '41220', name: '평택시' },
  { code: '41250', name: '동두천시' },
  { code: '41270', name: '안산시' },
  { code: '41280', name: '고양시' },
  { code: '41290', name: '과천시' },
  { code: '41310', name: '구리시' },
  { code: '41360', name: '남양주시' },
  { code: '41370', name: '오산시' },
  { code: '41390', name: '시흥시' },
  { code: '41410', name: '군포시' },
  { code: '41430', name: '의왕시' },
  { code: '41450', name: '하남시' },
  { code: '41460', name: '용인시' },
  { code: '41480', name: '파주시' },
  { code: '41500', name: '이천시' },
  { code: '41550', name: '안성시' },
  { code: '41570', name: '김포시' },
  { code: '41590', name: '화성시' },
  { code: '41610', name: '광주시' },
  { code: '41630', name: '양주시' },
  { code: '41650', name: '포천시' },
  { code: '41670', name: '여주시' },
  { code: '41800', name: '연천군' },
  { code: '41820', name: '가평군' },
  { code: '41830', name: '양평군' },
];
