// `kdview fleet --json`: the fleet view, versioned like the report.
import type { FleetView } from '../store/fleet-view.js';
import type { SignatureDetail } from './fleet-text.js';

export const FLEET_FORMAT = 'kdview-fleet';
export const FLEET_SCHEMA_VERSION = 1;

export function fleetJson(v: FleetView, meta: { where: string; hosts: number; generatedAt?: string }): string {
  const doc = { format: FLEET_FORMAT, schemaVersion: FLEET_SCHEMA_VERSION, generatedAt: meta.generatedAt ?? new Date().toISOString(), database: meta.where, hosts: meta.hosts, ...v };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function signatureJson(d: SignatureDetail, meta: { where: string }): string {
  return `${JSON.stringify({ format: `${FLEET_FORMAT}-signature`, schemaVersion: FLEET_SCHEMA_VERSION, database: meta.where, ...d }, null, 2)}\n`;
}
