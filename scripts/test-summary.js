// Reads jest's --json output and prints the closing line CI reads: "N passed, N failed".
const fs = require('fs')
const file = process.argv[2]
let results
try {
  results = JSON.parse(fs.readFileSync(file, 'utf8'))
} catch (err) {
  console.log('0 passed, 1 failed')
  process.exit(1)
}
// A suite that failed to load has no test results but must count as a failure.
const brokenSuites = results.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length
const passed = results.numPassedTests
const failed = results.numFailedTests + brokenSuites
const skipped = results.numPendingTests + results.numTodoTests
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
