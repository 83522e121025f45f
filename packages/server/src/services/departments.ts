import type { Models } from '../models/index.js';

export interface DepartmentView {
  id: string;
  name: string;
  description: string;
}

/** A tenant's departments: the queues chats are routed and transferred to. */
export class DepartmentService {
  constructor(private readonly models: Models) {}

  async list(tenantId: string): Promise<DepartmentView[]> {
    const rows = await this.models.Department.find({ tenantId }).sort({ name: 1 }).lean();
    return rows.map((row) => ({ id: String(row._id), name: row.name, description: row.description ?? '' }));
  }
}
