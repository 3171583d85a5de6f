// Copies what TypeScript does not compile into dist/: icons, Node-RED editor .html files,
// locale catalogs and example flows.
const { src, dest } = require('gulp');

const ASSETS = ['nodes/**/*.{png,svg,html,json}', 'credentials/**/*.{png,svg}'];

function assets() {
  return src(ASSETS, { base: '.', encoding: false, allowEmpty: true }).pipe(dest('dist'));
}

exports.assets = assets;
exports.default = assets;
