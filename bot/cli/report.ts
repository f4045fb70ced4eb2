export function renderReport(_r: unknown, _o: { color: boolean }): string {
  return 'TODO';
}
