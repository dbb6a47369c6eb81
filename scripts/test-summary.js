// Reads jest's --json output (and the static checks' verdicts, one "<name> passed|failed" a line) and prints the
// closing line CI reads: "N passed, N failed".
const fs = require('fs')
const [file, checksFile] = process.argv.slice(2)
let results
try {
  results = JSON.parse(fs.readFileSync(file, 'utf8'))
} catch {
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const checks = checksFile && fs.existsSync(checksFile) ? fs.readFileSync(checksFile, 'utf8').split('\n').filter(Boolean) : []
const checksFailed = checks.filter((line) => line.endsWith(' failed'))
for (const line of checksFailed) console.log(`static check ${line}`)
// A suite that failed to load has no test results but must count as a failure.
const brokenSuites = results.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length
const passed = results.numPassedTests + (checks.length - checksFailed.length)
const failed = results.numFailedTests + brokenSuites + checksFailed.length
const skipped = results.numPendingTests + results.numTodoTests
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
