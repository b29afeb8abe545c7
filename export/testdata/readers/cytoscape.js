// Loads a Cytoscape.js export headlessly and checks its counts.
//
// usage: node cytoscape.js FILE NODES EDGES
'use strict';
const fs = require('fs');
const cytoscape = require('cytoscape');

const [path, nodes, edges] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const { elements } = JSON.parse(fs.readFileSync(path, 'utf8'));
const cy = cytoscape({ headless: true, elements });
const n = cy.nodes().length;
const e = cy.edges().length;
if (n !== nodes || e !== edges) {
  console.error(`cytoscape read ${n} nodes and ${e} edges, want ${nodes} and ${edges}`);
  process.exit(1);
}
const dangling = cy.edges().filter((edge) => edge.source().empty() || edge.target().empty());
if (dangling.length > 0) {
  console.error(`${dangling.length} edges lack an end`);
  process.exit(1);
}
console.log(`cytoscape ${cytoscape.version}: ${n} nodes, ${e} edges`);
