#!/usr/bin/env node
// The `huiyin` command. tsx's loader runs the TypeScript sources directly, so there is no build to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/main.ts');
process.exitCode = await main(process.argv.slice(2));
