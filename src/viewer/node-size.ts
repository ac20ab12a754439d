/** A node's drawn size, by its number of statements: in the viewer, and in the GEXF for Gephi. */
export function nodeSize(degree: number): number {
  return Math.round((4 + 2.5 * Math.sqrt(degree)) * 100) / 100;
}
