// A second reference for the proxy bench: a TCP relay in Node that copies bytes both ways and
// parses nothing (one upstream socket per client socket). It costs what one more Node process on
// the path costs on this machine (two wake-ups, two reads, two writes), so
// `proxy − relay` is what the HTTP work of our proxy adds on top of the hop itself.
import net from 'node:net'

const upstreamPort = Number(process.argv[2])
if (!Number.isInteger(upstreamPort)) throw new Error('usage: relay-child.ts <upstream port>')

const server = net.createServer({ noDelay: true }, (client) => {
  const upstream = net.connect({ port: upstreamPort, host: '127.0.0.1', noDelay: true })
  client.pipe(upstream)
  upstream.pipe(client)
  client.once('close', () => upstream.destroy())
  upstream.once('close', () => client.destroy())
  client.on('error', () => {})
  upstream.on('error', () => {})
})

process.on('disconnect', () => process.exit(0))
process.on('SIGTERM', () => process.exit(0))

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as net.AddressInfo).port })
})
