// Command-line options of the harness's benchmarks: --name N for whole numbers, --json, --help (usage on
// stdout, exit 0); anything else is an error of one line and exit code 2.
export type Options<K extends string> = Record<K, number> & { json: boolean };

export function parseOptions<K extends string>(argv: string[], defaults: Record<K, number>, names: K[], command: string): Options<K> {
  const options = { ...defaults, json: false } as Options<K>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      const flags = names.map((n) => `[--${n} N (default ${defaults[n]})]`).join(' ');
      process.stdout.write(`usage: ${command} -- ${flags} [--json]\n--json prints the figures as one JSON object on the last line.\n`);
      process.exit(0);
    }
    if (arg === '--json') {
      options.json = true;
      continue;
    }
    const name = arg.replace(/^--/, '') as K;
    const value = Number(argv[i + 1]);
    if (!arg.startsWith('--') || !names.includes(name) || !Number.isInteger(value) || value < 1) {
      process.stderr.write(`error: unknown or invalid option ${arg} ${argv[i + 1] ?? ''} (options: ${names.map((n) => `--${n} N`).join(' ')} --json)\n`);
      process.exit(2);
    }
    (options as Record<K, number>)[name] = value;
    i++;
  }
  return options;
}
