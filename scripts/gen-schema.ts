// Regenerates schemas/sessionguardrc.schema.json from the rule metadata (`npm run schema`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../server/core/config/schema';
import { RULES } from '../server/core/rules';

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'sessionguardrc.schema.json');
export const render = () => JSON.stringify(configSchema(RULES), null, 2) + '\n';

if (require.main === module) writeFileSync(SCHEMA_PATH, render());
