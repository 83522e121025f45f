import type { Models } from '../models/index.js';

/** Department and agent names of a tenant by id, for reports and exports. */
export interface TenantNames {
  departments: Map<string, string>;
  agents: Map<string, string>;
}

export async function tenantNames(models: Models, tenantId: string): Promise<TenantNames> {
  const [departments, agents] = await Promise.all([
    models.Department.find({ tenantId }).select({ name: 1 }).lean(),
    models.Agent.find({ tenantId }).select({ name: 1 }).lean(),
  ]);
  return {
    departments: new Map(departments.map((d) => [String(d._id), d.name as string])),
    agents: new Map(agents.map((a) => [String(a._id), a.name as string])),
  };
}
