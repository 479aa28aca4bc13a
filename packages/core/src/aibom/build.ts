// The AI bill of materials of one gate run, as CycloneDX 1.6 JSON built with the CycloneDX
// library's models and serializer: agents and models as components, MCP servers as services,
// the policy packs and the registry as data and file components, this tool in metadata.tools.
import { createHash } from 'node:crypto';
import type * as CdxModels from '@cyclonedx/cyclonedx-library/Models';
import { collectAgents, collectServers, countDecisions, cleanName, type CollectedAgent, type CollectedServer } from './collect.ts';
import { loadCycloneDx, type CycloneDx } from './cyclonedx.ts';
import { commandDigest, isSha256Digest, publicUrl } from './server-reference.ts';
import type { AiBomInput, AiBomModel, AiBomPack, AiBomTool } from './types.ts';

/** The file name of the AI-BOM in an evidence directory. */
export const AIBOM_FILE = 'aibom.cdx.json';

/** The CycloneDX specification version of every AI-BOM and SBOM this tool writes. */
export const CYCLONEDX_SPEC_VERSION = '1.6';

const SHA256_DIGEST = /^sha256:([0-9a-f]{64})$/;

/**
 * Builds the AI-BOM of a run as CycloneDX 1.6 JSON text. Pure and deterministic: the same input
 * gives the same bytes; the serial number is derived from the content.
 */
export async function buildAiBom(input: AiBomInput): Promise<string> {
  const cdx = await loadCycloneDx();
  const { Models, Serialize, Spec } = cdx;
  const bom = new Models.Bom();
  bom.metadata.timestamp = input.generatedAt;
  bom.metadata.tools.components.add(toolComponent(cdx, input.tool));
  for (const property of runProperties(cdx, input)) bom.metadata.properties.add(property);

  const models = new Map<string, CdxModels.Component>();
  for (const model of dedupeModels(input.models ?? [])) {
    const component = modelComponent(cdx, model);
    models.set(model.name, component);
    bom.components.add(component);
  }
  const services = new Map<string, CdxModels.Service>();
  for (const server of collectServers(input)) {
    const service = serverService(cdx, server);
    services.set(server.name, service);
    if (server.serverId) services.set(server.serverId, service);
    bom.services.add(service);
  }
  for (const agent of collectAgents(input)) {
    const component = agentComponent(cdx, agent);
    for (const model of input.models ?? []) {
      const used = model.agent !== undefined && cleanName(model.agent) === agent.name ? models.get(cleanName(model.name) ?? '') : undefined;
      if (used) component.dependencies.add(used.bomRef);
    }
    for (const server of agent.servers) {
      const called = services.get(server);
      if (called) component.dependencies.add(called.bomRef);
    }
    bom.components.add(component);
  }
  for (const { pack, ref } of dedupePacks(input.packs)) bom.components.add(packComponent(cdx, pack, ref, input));
  if (input.registry) bom.components.add(registryComponent(cdx, input.registry));

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  const options = { sortLists: true, space: 2 };
  // The serial number names this content: derived from the BOM without it, so a rebuild from the same run repeats it.
  bom.serialNumber = contentSerial(serializer.serialize(bom, options));
  return `${serializer.serialize(bom, options)}\n`;
}

function toolComponent({ Enums, Models }: CycloneDx, tool: AiBomTool): CdxModels.Component {
  const component = new Models.Component(Enums.ComponentType.Application, tool.name, { bomRef: `tool:${tool.name}`, version: tool.version });
  if (tool.bundle) {
    component.hashes.set(Enums.HashAlgorithm['SHA-256'], tool.bundle.sha256);
    component.properties.add(new Models.Property('cavra:bundle:file', tool.bundle.file));
  }
  if (tool.sha256sums) component.properties.add(new Models.Property('cavra:bundle:sha256sums', `sha256:${tool.sha256sums}`));
  return component;
}

function runProperties({ Models }: CycloneDx, input: AiBomInput): CdxModels.Property[] {
  const properties = [new Models.Property('cavra:aibom:source', input.source), new Models.Property('cavra:run:decisions', String(input.decisions.length))];
  for (const [decision, count] of countDecisions(input.decisions)) properties.push(new Models.Property(`cavra:run:decision:${decision}`, String(count)));
  return properties;
}

function agentComponent({ Enums, Models }: CycloneDx, agent: CollectedAgent): CdxModels.Component {
  const component = new Models.Component(Enums.ComponentType.Application, agent.name, {
    bomRef: `agent:${agent.name}`,
    ...(agent.version ? { version: agent.version } : {}),
    ...(agent.vendor ? { publisher: agent.vendor } : {}),
    description: 'AI coding agent',
  });
  component.properties.add(new Models.Property('cavra:component', 'agent'));
  for (const kind of agent.kinds) component.properties.add(new Models.Property('cavra:agent:seen-in', kind));
  for (const [decision, count] of agent.decisions) component.properties.add(new Models.Property(`cavra:agent:decision:${decision}`, String(count)));
  return component;
}

function modelComponent({ Enums, Models }: CycloneDx, model: AiBomModel): CdxModels.Component {
  const component = new Models.Component(Enums.ComponentType.MachineLearningModel, model.name, {
    bomRef: `model:${model.name}`,
    ...(model.version ? { version: model.version } : {}),
    ...(model.provider ? { publisher: model.provider } : {}),
  });
  component.properties.add(new Models.Property('cavra:component', 'model'));
  return component;
}

function serverService({ Enums, Models }: CycloneDx, server: CollectedServer): CdxModels.Service {
  const service = new Models.Service(server.name, { bomRef: `mcp:${server.name}`, group: 'mcp', description: 'MCP server' });
  const add = (name: string, value: string | undefined) => {
    if (value) service.properties.add(new Models.Property(name, value));
  };
  add('cavra:component', 'mcp-server');
  add('cavra:mcp:server-id', cleanName(server.serverId));
  // What the registry describes, and what the calls named (they differ only when a pin was broken: both are kept).
  const described = server.command && server.command.length > 0 ? commandDigest(server.command) : isSha256Digest(server.commandDigest) ? server.commandDigest : undefined;
  for (const digest of new Set([described, ...server.seenDigests])) add('cavra:mcp:command-digest', digest);
  const urls = new Set([server.url, ...server.seenUrls].map((url) => (url === undefined ? undefined : publicUrl(url))).filter((url) => url !== undefined));
  for (const url of urls) {
    add('cavra:mcp:url', url);
    service.externalReferences.add(new Models.ExternalReference(url, Enums.ExternalReferenceType.Other, { comment: 'MCP server endpoint' }));
  }
  add('cavra:mcp:trust-tier', cleanName(server.trustTier));
  add('cavra:mcp:approval-state', cleanName(server.approvalState));
  add('cavra:mcp:calls', String(server.calls));
  for (const tool of server.tools) add('cavra:mcp:tool', cleanName(tool));
  return service;
}

function packComponent({ Enums, Models }: CycloneDx, pack: AiBomPack, ref: string, input: AiBomInput): CdxModels.Component {
  const component = new Models.Component(Enums.ComponentType.Data, pack.id, {
    bomRef: ref,
    ...(pack.version ? { version: pack.version } : {}),
    description: 'CAVRA policy pack',
  });
  const hex = SHA256_DIGEST.exec(pack.digest)?.[1];
  if (hex) component.hashes.set(Enums.HashAlgorithm['SHA-256'], hex);
  component.properties.add(new Models.Property('cavra:component', 'policy-pack'));
  if (pack.digest) component.properties.add(new Models.Property('cavra:pack:digest', pack.digest));
  const decided = input.decisions.filter((decision) => decision.policy_pack === pack.id).length;
  component.properties.add(new Models.Property('cavra:pack:decisions', String(decided)));
  return component;
}

function registryComponent({ Enums, Models }: CycloneDx, registry: { file: string; sha256: string }): CdxModels.Component {
  const component = new Models.Component(Enums.ComponentType.File, registry.file, { bomRef: 'registry', description: 'CAVRA MCP server registry' });
  component.hashes.set(Enums.HashAlgorithm['SHA-256'], registry.sha256);
  component.properties.add(new Models.Property('cavra:component', 'registry'));
  return component;
}

function dedupeModels(models: readonly AiBomModel[]): AiBomModel[] {
  const byName = new Map<string, AiBomModel>();
  for (const model of models) {
    const name = cleanName(model.name);
    if (!name) continue;
    const known = byName.get(name);
    const version = known?.version ?? cleanName(model.version);
    const provider = known?.provider ?? cleanName(model.provider);
    byName.set(name, { name, ...(version ? { version } : {}), ...(provider ? { provider } : {}) });
  }
  return [...byName.values()];
}

// One component per pack id and digest: a pack seen at two digests (a log appended by two runs)
// keeps both, so neither is hidden.
function dedupePacks(packs: readonly AiBomPack[]): { pack: AiBomPack; ref: string }[] {
  const seen = new Map<string, AiBomPack>();
  for (const pack of packs) {
    const id = cleanName(pack.id);
    if (!id) continue;
    const key = `${id}\u0000${pack.digest}`;
    if (!seen.has(key)) seen.set(key, { ...pack, id });
  }
  const ids = new Map<string, number>();
  for (const pack of seen.values()) ids.set(pack.id, (ids.get(pack.id) ?? 0) + 1);
  return [...seen.values()].map((pack) => ({ pack, ref: ids.get(pack.id)! > 1 ? `pack:${pack.id}@${pack.digest}` : `pack:${pack.id}` }));
}

// A name-based UUID (version 5 layout) from the SHA-256 of the content.
function contentSerial(content: string): string {
  const bytes = createHash('sha256').update(content).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
