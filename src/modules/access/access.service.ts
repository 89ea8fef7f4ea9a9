/**
 * Old name of the personal-data gate, kept only for recruitment.service.ts until its split
 * (issue 10 §4) lands; then recruitment imports src/modules/access-log/personal-data.gate.ts and
 * this file goes.
 */
export type { PersonalDataGate as AccessService } from '../access-log/personal-data.gate.ts';
