// npm scripts run on the Node from the `node` devDependency; fail early and clearly if not.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `Node ${process.versions.node} is too old: wrangler and the Workers test pool need Node 22+. Run through npm scripts (npm install puts Node 22 on their PATH) or use .nvmrc.`,
  );
  process.exit(1);
}
