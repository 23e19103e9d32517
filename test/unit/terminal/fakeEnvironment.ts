/** A stand-in for `ExtensionContext.environmentVariableCollection` (plain Node, no `vscode`). */

/**
 * An `EnvironmentVariableCollection` that records what "Export to Terminals" does: the values a
 * new terminal would get, every call in order, `persistent` and `description`.
 */
export class FakeEnvironmentCollection {
  persistent = true;
  description: unknown = undefined;
  readonly values = new Map<string, string>();
  /** `replace NAME`, `delete NAME`, `clear`, in order (names only: the values are secrets). */
  readonly calls: string[] = [];
  replace(name: string, value: string): void {
    this.values.set(name, value);
    this.calls.push(`replace ${name}`);
  }
  append(name: string, value: string): void {
    this.values.set(name, (this.values.get(name) ?? '') + value);
    this.calls.push(`append ${name}`);
  }
  prepend(name: string, value: string): void {
    this.values.set(name, value + (this.values.get(name) ?? ''));
    this.calls.push(`prepend ${name}`);
  }
  get(name: string): { value: string; type: number } | undefined {
    const value = this.values.get(name);
    return value === undefined ? undefined : { value, type: 1 };
  }
  forEach(callback: (name: string, mutator: { value: string; type: number }) => void): void {
    for (const [name, value] of this.values) callback(name, { value, type: 1 });
  }
  delete(name: string): void {
    this.values.delete(name);
    this.calls.push(`delete ${name}`);
  }
  clear(): void {
    this.values.clear();
    this.calls.push('clear');
  }
}
