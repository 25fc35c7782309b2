// Reading a synthesized CloudFormation template the way the tests need it: the project's functions and
// their bundles, and the reprocess state machine's definition with its references left as placeholders.
import path from 'node:path';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

/** The construct ids of the project's own functions (CDK's trigger provider is not one of them). */
export const FUNCTION_NAMES = ['DispatchFeeds', 'FetchFeed', 'ProcessArticle', 'QueryApi', 'SyncFeeds', 'ReprocessItem'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The logical id CDK gave a function construct: its id and an 8-digit hash. */
export function functionLogicalId(template: CfnTemplate, name: string): string {
  const ids = Object.keys(template.Resources).filter(
    (id) => template.Resources[id].Type === 'AWS::Lambda::Function' && new RegExp(`^${name}[0-9A-F]{8}$`).test(id),
  );
  if (ids.length !== 1) throw new Error(`expected one function ${name}, found ${ids.length}`);
  return ids[0];
}

export interface FunctionBundle {
  name: FunctionName;
  logicalId: string;
  /** The bundle's folder in the cloud assembly: what is zipped and uploaded. */
  dir: string;
  /** The handler module file and export, from the function's Handler setting ('index.handler'). */
  file: string;
  exportName: string;
  /** The Environment.Variables exactly as the template gives them (references unresolved). */
  environment: Record<string, unknown>;
}

/** Each function's bundle as deployed: the asset its Code points at, in the assembly folder `outdir`. */
export function functionBundles(template: CfnTemplate, outdir: string): FunctionBundle[] {
  return FUNCTION_NAMES.map((name) => {
    const logicalId = functionLogicalId(template, name);
    const properties = template.Resources[logicalId].Properties as {
      Code: { S3Key: string };
      Handler: string;
      Environment?: { Variables?: Record<string, unknown> };
    };
    const dir = path.join(outdir, `asset.${properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const [module, exportName] = properties.Handler.split('.');
    return { name, logicalId, dir, file: path.join(dir, `${module}.mjs`), exportName, environment: properties.Environment?.Variables ?? {} };
  });
}

type Join = { 'Fn::Join': [string, unknown[]] };

/** The state machine's definition with each reference written as <LogicalId> or <LogicalId.Attribute>. */
export function stateMachineDefinition(template: CfnTemplate) {
  const machines = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const [separator, parts] = (machines[0].Properties!.DefinitionString as Join)['Fn::Join'];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = part as { Ref?: string; 'Fn::GetAtt'?: string[] };
      return ref.Ref ? `<${ref.Ref}>` : `<${ref['Fn::GetAtt']!.join('.')}>`;
    })
    .join(separator);
  return JSON.parse(text);
}

const ITEM_VALUE = '$$.Map.Item.Value.';

/**
 * What a Map state passes to its item processor: each `name.$` path of its ItemSelector read from the
 * execution input or from the listed item (for an S3 listing, { Key, Size, ... }). A path that names
 * nothing fails, as it fails the execution in Step Functions.
 */
export function selectItem(selector: Record<string, string>, input: Record<string, unknown>, item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(selector).map(([name, jsonPath]) => {
      if (!name.endsWith('.$')) return [name, jsonPath];
      const [from, field] = jsonPath.startsWith(ITEM_VALUE) ? [item, jsonPath.slice(ITEM_VALUE.length)] : [input, jsonPath.replace(/^\$\./, '')];
      if (!(field in from)) throw new Error(`ItemSelector ${name}: ${jsonPath} names nothing in ${JSON.stringify(from)}`);
      return [name.slice(0, -2), from[field]];
    }),
  );
}
