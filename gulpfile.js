const path = require('path');
const { task, src, dest } = require('gulp');

// tsc emits only JavaScript; icons and codex files must sit beside the compiled nodes.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
