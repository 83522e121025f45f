/** English terms of `<agent-load>`. */
export interface AgentLoadTerms {
  agentLoadTeam: string;
  agentLoadAgent: string;
  agentLoadStatus: string;
  agentLoadChats: string;
  agentLoadTickets: string;
  agentLoadDepartments: string;
  agentLoadSortByLoad: string;
  agentLoadSortByName: string;
  agentLoadOf: (open: number, max: number) => string;
  agentLoadEmpty: string;
  agentLoadOnline: string;
  agentLoadSupervisorsOnly: string;
}

export const agentLoadTerms: AgentLoadTerms = {
  agentLoadTeam: 'Team load',
  agentLoadAgent: 'Agent',
  agentLoadStatus: 'Status',
  agentLoadChats: 'Chats',
  agentLoadTickets: 'Tickets',
  agentLoadDepartments: 'Departments',
  agentLoadSortByLoad: 'Sort by load',
  agentLoadSortByName: 'Sort by name',
  agentLoadOf: (open, max) => `${open} of ${max} chats`,
  agentLoadEmpty: 'No agents.',
  agentLoadOnline: 'Online',
  agentLoadSupervisorsOnly: 'Only supervisors can see the team load.',
};
