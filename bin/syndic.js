#!/usr/bin/env node
// The `syndic` command. Runs the TypeScript sources directly through tsx, so the CLI, the Lambdas and
// the tests all execute the same files.
import { register } from 'tsx/esm/api';

// The SDK's notice about its future Node.js floor is not actionable for someone running a command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Piped into `head` and the like: a closed stdout ends the command quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
