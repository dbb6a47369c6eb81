/**
 * The whole product on this machine: the local CloudBase serving the built functions and the H5 app, seeded with
 * demo data on first start. Started by `npm start` (scripts/start.sh), which builds first.
 *   --port <P> (default 8080)   --data <DIR> (default .local/demo)
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startLocalCloudbase } from '../local-cloudbase/server'
import { seedDemo } from './demo/seed'
import { DEMO_DEPARTMENT_USERS, DEMO_USERS } from './demo/places'

async function main() {
  const root = path.resolve(__dirname, '..')
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, data: { type: 'string', default: path.join(root, '.local', 'demo') } } })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port ${values.port}`)
  const dataDir = path.resolve(values.data)
  const cloud = await startLocalCloudbase({
    port,
    dataDir,
    functionsDir: path.join(root, 'dist', 'cloudfunctions'),
    h5Dir: path.join(root, 'dist', 'h5'),
  })
  const seeded = seedDemo(cloud.store, cloud.clock.now(), cloud.files)
  const origin = cloud.origin
  console.log('')
  console.log(`家园议事 is running: ${origin}/`)
  console.log(seeded.seeded ? `  demo data seeded: ${seeded.topics} topics in every step, reports waiting for triage` : `  demo data kept from ${dataDir}`)
  console.log('  sign in from the home page (开发登录) as any demo user:')
  for (const u of [...DEMO_USERS, ...DEMO_DEPARTMENT_USERS]) console.log(`    ${u.devLoginNote}`)
  console.log(`  local CloudBase: ${cloud.url}   (move the clock: npm run cloud -- clock advance 7d --url ${origin})`)
  console.log(`  admin key for the SDK and outside tools: ${path.join(dataDir, 'admin-key.json')}   (npm run cloud -- sdk-env --data ${dataDir} --url ${origin})`)
  console.log('  Ctrl-C stops it; data stays in ' + dataDir + ' (FRESH=1 npm start starts over)')
  const stop = async () => {
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
