// Preloaded (node --require) into a kg process a test will signal: says on stderr when kg has installed
// its SIGTERM handler, so the test signals a process that handles it, however slowly the machine starts it.
process.on('newListener', (event) => {
  // newListener comes before the listener is added: say so once it is.
  if (event === 'SIGTERM') process.nextTick(() => process.stderr.write('[signal handlers installed]\n'));
});
