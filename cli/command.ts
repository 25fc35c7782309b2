// How a `syndic` command declares itself. One spec per command (usage, arguments, options with their
// type, default, description and accepted values, examples) gives it its --help, its parsing and
// validation, and its line in `syndic --help`, the same way for every command. To add a command, define
// it next to the code that runs it and list it in cli/main.ts:
//
//   export const pingCommand = defineCommand({
//     name: 'ping',
//     summary: 'one line for syndic --help',
//     arguments: { usage: '<url>...', min: 1 },
//     options: {
//       ...TARGET_OPTIONS,
//       limit: { type: 'string', value: 'N', default: '20', check: wholeNumber(1, 100), description: 'at most N' },
//       format: { type: 'string', value: 'F', default: 'table', choices: ['table', 'json'], description: 'output' },
//     },
//     examples: ['syndic ping https://example.com/ --limit 5'],
//     run: async ({ values, positionals }) => 0, // values.limit: string, values.aws: boolean
//   });
//
// Usage errors (unknown option, missing or refused value, wrong arguments) are one line naming the option
// and what it accepts, exit code 2; main.ts turns any other error into one line and exit code 1.
import { parseArgs } from 'node:util';
import { UsageError, isTime } from './args.ts';

interface OptionBase {
  description: string;
  /** One letter, e.g. 'n' for -n. */
  short?: string;
}

export interface StringOption extends OptionBase {
  type: 'string';
  /** The value's name in the help, e.g. 'D' in `--since D`. */
  value: string;
  default?: string;
  /** A variable read when the option is not given (before the default). */
  env?: string;
  /** Options that the default does not go with: given any of them, the default is not applied. */
  defaultUnless?: readonly string[];
  choices?: readonly string[];
  /** null when the value is accepted, else what is accepted ('a whole number from 1 to 100'). */
  check?: (value: string) => string | null;
}

export interface BooleanOption extends OptionBase {
  type: 'boolean';
}

/** A string option that may be given several times (`--remove A --remove B`); its value is a list. */
export interface ListOption extends OptionBase {
  type: 'string';
  multiple: true;
  value: string;
}

export type OptionSpec = StringOption | BooleanOption | ListOption;
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O extends BooleanOption
  ? boolean
  : O extends ListOption
    ? string[]
  : O extends { default: string }
    ? O extends { defaultUnless: readonly string[] }
      ? string | undefined
      : string
    : string | undefined;

export type Values<O extends OptionSpecs> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** One line, shown in `syndic --help` and at the top of the command's help. */
  summary: string;
  /** What the positional arguments are; omitted: the command takes none. */
  arguments?: { usage: string; min?: number; max?: number };
  options: O;
  /** Complete command lines, shown under `examples:`. */
  examples: readonly string[];
  /** A few more lines of explanation after the options. */
  notes?: string;
  run(input: { values: Values<O>; positionals: string[] }): Promise<number>;
}

export interface Command {
  readonly spec: CommandSpec<OptionSpecs>;
  (args: string[]): Promise<number>;
}

export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const command = async (args: string[]): Promise<number> => {
    if (wantsHelp(args)) {
      console.log(renderHelp(spec));
      return 0;
    }
    return spec.run(parseCommandLine(spec, args));
  };
  return Object.assign(command, { spec: spec as unknown as CommandSpec<OptionSpecs> });
}

function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

export function parseCommandLine<O extends OptionSpecs>(spec: CommandSpec<O>, args: string[]): { values: Values<O>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options = Object.fromEntries(
      Object.entries(spec.options).map(([name, option]) => [
        name,
        { type: option.type, ...(option.short ? { short: option.short } : {}), ...('multiple' in option ? { multiple: true } : {}) },
      ]),
    );
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (!(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw error;
    throw new UsageError(describeParseError(spec, error as Error & { code?: string }));
  }
  const given = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.type === 'boolean') {
      values[name] = given[name] === true;
      continue;
    }
    if ('multiple' in option) {
      values[name] = (given[name] as string[] | undefined) ?? [];
      continue;
    }
    const value = given[name] as string | undefined;
    if (value !== undefined) {
      const refused = refusal(option, value);
      if (refused) throw new UsageError(`--${name} must be ${refused}, got '${value}'`);
      values[name] = value;
    } else if (option.env && process.env[option.env]) {
      values[name] = process.env[option.env];
    } else if (!option.defaultUnless?.some((other) => given[other] !== undefined)) {
      values[name] = option.default;
    }
  }
  const { min = 0, max = min } = spec.arguments ?? {};
  const positionals = parsed.positionals;
  if (positionals.length < min) throw new UsageError(`needs ${spec.arguments!.usage} (syndic ${spec.name} --help)`);
  if (positionals.length > max) {
    const extra = positionals[max];
    throw new UsageError(
      extra.startsWith('-') ? unknownOption(spec, extra) : `unexpected argument '${extra}'${spec.arguments ? `; takes ${spec.arguments.usage}` : '; takes none'}`,
    );
  }
  return { values: values as Values<O>, positionals };
}

function refusal(option: StringOption, value: string): string | null {
  if (option.choices && !option.choices.includes(value)) return `one of ${option.choices.join(', ')}`;
  return option.check?.(value) ?? null;
}

function describeParseError(spec: CommandSpec<OptionSpecs>, error: Error & { code?: string }): string {
  const flag = error.message.match(/'(-{1,2}[^' ]+)/)?.[1] ?? '';
  const option = spec.options[flag.replace(/^-+/, '')] ?? Object.values(spec.options).find((o) => o.short && `-${o.short}` === flag);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return unknownOption(spec, flag);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return option.type === 'boolean' ? `${flag} takes no value` : `${flag} needs a value: ${accepted(option)}`;
  }
  return error.message;
}

function unknownOption(spec: CommandSpec<OptionSpecs>, flag: string): string {
  return `unknown option '${flag}'; options: ${Object.keys(spec.options).map((name) => `--${name}`).join(', ')} (syndic ${spec.name} --help)`;
}

function accepted(option: StringOption | ListOption): string {
  return 'choices' in option && option.choices ? option.choices.join(' | ') : option.description;
}

export function renderHelp(spec: CommandSpec<OptionSpecs>): string {
  const rows = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value}` : ''}`;
    return [flag, option.description + defaultText(option)];
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `usage: syndic ${spec.name}${spec.arguments ? ` ${spec.arguments.usage}` : ''} [options]`,
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    ...(spec.notes ? ['', spec.notes] : []),
    '',
    'examples:',
    ...spec.examples.map((example) => `  ${example}`),
  ].join('\n');
}

function defaultText(option: OptionSpec): string {
  if (option.type === 'boolean') return '';
  if ('multiple' in option) return ' (repeatable)';
  const parts = [
    option.choices ? `one of ${option.choices.join(', ')}` : null,
    option.default !== undefined ? `default: ${option.default}` : null,
    option.env ? `or $${option.env}` : null,
    option.defaultUnless ? `no default with ${option.defaultUnless.map((name) => `--${name}`).join(', ')}` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** Accepts whole numbers from min to max. */
export function wholeNumber(min: number, max: number): (value: string) => string | null {
  return (value) => {
    const n = Number(value);
    return /^\d+$/.test(value) && n >= min && n <= max ? null : `a whole number from ${min} to ${max}`;
  };
}

/** Accepts what parseSince reads: '7d', '12h', '30m', '2w' before now, or a date. */
export function timeValue(value: string): string | null {
  return isTime(value) ? null : 'a duration like 7d, 12h, 30m, 2w or a date like 2026-11-01';
}

/** The options of every command that reads or writes pipeline data: local profile or deployed stack. */
export const TARGET_OPTIONS = {
  aws: { type: 'boolean', description: 'use the deployed stack instead of the local data' },
  stack: { type: 'string', value: 'NAME', default: 'Syndic', env: 'SYNDIC_STACK', description: 'with --aws: the CloudFormation stack to use' },
  profile: { type: 'string', value: 'NAME', default: 'local', description: 'local data folder .syndic/NAME ($SYNDIC_DATA_DIR overrides it)' },
} as const satisfies OptionSpecs;

export const JSON_OPTION = {
  json: { type: 'boolean', description: 'print JSON instead of text (and no progress)' },
} as const satisfies OptionSpecs;
