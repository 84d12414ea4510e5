#!/usr/bin/env node
// Entry point of the `staffcast` command: runs the TypeScript CLI through tsx's loader,
// so there is no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
