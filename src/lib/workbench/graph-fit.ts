// The workbench's stage graph fits its box: CSS scales the SVG down to the box's width
// (max-width: 100%, workbench.css), but never below MIN_SCALE of its drawn size, where the
// stage names would get too small to read; past that the box scrolls. The floor depends on
// the diagram's size, so it is set here, through the CSSOM (which the site's CSP allows,
// unlike a style attribute).

/** The smallest the graph is drawn: 70% of its size (12px labels become 8.4px). */
export const MIN_SCALE = 0.7;

export function fitGraph(svg: SVGElement, width: number): void {
  svg.style.minWidth = `${Math.round(width * MIN_SCALE)}px`;
}
