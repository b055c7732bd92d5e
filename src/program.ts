import { Command, Option } from 'commander';
import { formatCaseList } from './check/case-names.js';
import * as defaults from './defaults.js';
import type { Io } from './io.js';
import * as parse from './options.js';

interface RunState {
  exitCode: number;
}

/** Each command module exports `run(flags, io, args)`, declares its own flag type, and resolves to an exit code. */
type Runner = (flags: never, io: Io, args: string[]) => Promise<number>;

const TARGET_HELP = `target URL (default: $WINESITTING_HOOKS_URL, else ${defaults.DEFAULT_TARGET})`;

export function buildProgram(io: Io, version: string, state: RunState): Command {
  const program = new Command('winesitting-hooks')
    .description('See, make, replay and check WineSitting webhook events before going live.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ winesitting-hooks listen                          receive events on http://127.0.0.1:4545/
  $ winesitting-hooks send --type ORDER --op UPDATE   send a realistic order update to it
  $ winesitting-hooks replay ./fixtures --to http://127.0.0.1:3000/webhooks
  $ winesitting-hooks check --to http://127.0.0.1:3000/webhooks
  $ winesitting-hooks redact ./recorded --out ./safe  recorded events without personal data, to commit

Exit codes: 0 all good, 1 something failed (lost delivery, failed check, invalid fixture),
2 usage or input error. Set DEBUG=winesitting-hooks for stack traces.`,
    );

  const lazy = (load: () => Promise<{ run: Runner }>) =>
    async function (this: Command, ...args: unknown[]) {
      const command = args[args.length - 1] as Command;
      const { run } = await load();
      state.exitCode = await run(command.opts<never>(), io, command.args);
    };
  const add = (name: string) => program.command(name).exitOverride().configureOutput(program.configureOutput());

  add('listen')
    .description('run a local receiver: show, validate, diff, save and forward every event')
    .option('-p, --port <n>', 'port (default: $WINESITTING_HOOKS_PORT, else 4545; 0 picks a free one)', parse.integer(0, 65535))
    .option('--host <addr>', 'bind address', defaults.DEFAULT_HOST)
    .option('-f, --forward-to <url>', 'forward each request to your app, byte for byte', parse.url)
    .option('-s, --save <dir>', 'write every received request to <dir> as a replayable fixture')
    .option('--json', 'one NDJSON line per received request on stdout')
    .option('--status <code>', 'status to answer when not forwarding', parse.integer(100, 599), 200)
    .option('--delay <ms>', 'answer after a delay, to rehearse a slow receiver', parse.integer(0), 0)
    .option('--filter <TYPE[:OP]>', 'show and forward only matching events (repeatable)', parse.collect(parse.eventFilter))
    .addOption(sizeOption('--max-body <size>', 'largest accepted body; larger gets 413', defaults.DEFAULT_MAX_BODY))
    .option('--quiet', 'no per-event output, only the start line and the summary')
    .option('--relay <url>', 'also receive through a relay (see "relay")', parse.url)
    .option('--new-channel', 'with --relay: start over with a new channel (a new webhook URL)')
    .option('--no-inspector', 'no web page at /_inspect/ (the inspector: see, resend, edit and download events in a browser)')
    .option('--history <n>', 'events the inspector keeps in memory', parse.integer(1), defaults.DEFAULT_HISTORY)
    .option(
      '--redact',
      'with --save: replace personal data in the files written (see "redact"; key: $WINESITTING_HOOKS_REDACT_KEY, else the kept one); the terminal and your app still see the original',
    )
    .addOption(
      new Option('--headers-timeout <ms>', 'close a connection whose request headers are not complete in time').argParser(parse.integer(100)).hideHelp(),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ winesitting-hooks listen
  $ winesitting-hooks listen --forward-to http://127.0.0.1:3000/webhooks --save ./recorded
  $ winesitting-hooks listen --json --port 0 | jq .type
  $ winesitting-hooks listen --relay https://relay.example.com --save ./fixtures/recorded --redact
  $ winesitting-hooks listen --relay https://relay.example.com --forward-to http://127.0.0.1:3000/webhooks`,
    )
    .action(lazy(() => import('./commands/listen.js')));

  add('send')
    .description('build realistic WineSitting events and POST them')
    .option('-t, --type <type>', 'ORDER or PUTAWAY (default: ORDER)')
    .option('-o, --op <operation>', 'CREATE or UPDATE (default: CREATE)')
    .addOption(new Option('--operation <operation>', 'alias of --op').hideHelp())
    .option('--to <url>', TARGET_HELP, parse.url)
    .option('--status <name>', 'object status, e.g. SHIPPED (default: NEW; PROCESSING for an order UPDATE)')
    .option('--id <id>', "the object's id (default: generated)", parse.integer(1))
    .option('--set <path=value>', 'override a field, e.g. object.reference=PO-42 (repeatable; JSON values parsed)', parse.collect(parse.assignment))
    .option('--from <file>', 'start from one event (or a bare object) in a file; a new --status moves updated_at on')
    .option('--lifecycle', 'send the whole life of one order, in order')
    .option('-n, --count <n>', 'how many distinct events', parse.integer(1), 1)
    .option('--repeat <n>', 'deliver each event n times, identical (rehearses duplicates)', parse.integer(1), 1)
    .option('-c, --concurrency <n>', 'deliveries in flight at once', parse.integer(1, 1000), 1)
    .option('--seed <n>', 'same seed, same events, byte for byte', parse.integer(0))
    .addOption(new Option('--date-format <format>', 'shape of dates').choices(['object', 'iso']).default('object'))
    .option('-H, --header <header>', "extra request header 'Name: value' (repeatable)", parse.collect(parse.header))
    .option('--timeout <ms>', 'an event without a whole answer (connection, status and body) by then is lost', parse.integer(1), defaults.DEFAULT_TIMEOUT_MS)
    .option('--budget <ms>', 'latency over which a delivery is at risk', parse.integer(1), defaults.DEFAULT_BUDGET_MS)
    .option('--dry-run', 'print the events on stdout and send nothing')
    .option('--json', 'one NDJSON result line per delivery')
    .option('--allow-invalid', 'permit combinations outside the documented contract')
    .addHelpText(
      'after',
      `
Examples:
  $ winesitting-hooks send                                   an ORDER CREATE to http://127.0.0.1:4545/
  $ winesitting-hooks send --type ORDER --op UPDATE --status SHIPPED
  $ winesitting-hooks send --lifecycle --to http://127.0.0.1:3000/webhooks
  $ winesitting-hooks send --repeat 3                        the same event three times
  $ winesitting-hooks send --set object.content[0].quantity=24 --dry-run
  $ winesitting-hooks send -n 100 -c 10 --seed 7 --json
  $ winesitting-hooks send --from fixtures/order-delivered.json --op UPDATE --status READY`,
    )
    .action(lazy(() => import('./commands/send.js')));

  add('replay')
    .description('replay saved events (files or folders) against an endpoint')
    .argument('[paths...]', 'files or folders of .json, .ndjson or .jsonl events', ['./fixtures'])
    .option('--to <url>', TARGET_HELP, parse.url)
    .option('-c, --concurrency <n>', 'deliveries in flight at once (1: strictly in order)', parse.integer(1, 1000), 1)
    .option('--rate <n>', 'at most n events per second, at a steady pace', parse.positiveNumber)
    .option('--repeat <n>', 'each event n times', parse.integer(1), 1)
    .option('--filter <TYPE[:OP]>', 'replay only matching events (repeatable)', parse.collect(parse.eventFilter))
    .addOption(
      new Option('--order <order>', 'name: file name then position; date: envelope date; shuffle').choices(['name', 'date', 'shuffle']).default('name'),
    )
    .option('--seed <n>', 'seed for --order shuffle', parse.integer(0))
    .option('--refresh-date', 'set each envelope date to now')
    .option('--skip-invalid', 'send the valid events and report the invalid ones')
    .option('--bail', 'stop at the first lost event')
    .option('--dry-run', 'validate and list, send nothing')
    .option('-H, --header <header>', "extra request header 'Name: value' (repeatable)", parse.collect(parse.header))
    .option('--timeout <ms>', 'an event without a whole answer (connection, status and body) by then is lost', parse.integer(1), defaults.DEFAULT_TIMEOUT_MS)
    .option('--budget <ms>', 'latency over which a delivery is at risk', parse.integer(1), defaults.DEFAULT_BUDGET_MS)
    .option('--json', 'one NDJSON result line per delivery, then a summary line')
    .addHelpText(
      'after',
      `
Examples:
  $ winesitting-hooks replay                                  ./fixtures to http://127.0.0.1:4545/
  $ winesitting-hooks replay ./recorded --to http://127.0.0.1:3000/webhooks
  $ winesitting-hooks replay events.ndjson -c 32 --rate 200 --json
  $ winesitting-hooks replay ./fixtures --filter ORDER:UPDATE --refresh-date`,
    )
    .action(lazy(() => import('./commands/replay.js')));

  add('validate')
    .description('check fixtures and payloads against the WineSitting event model')
    .argument('[paths...]', 'files or folders of .json, .ndjson or .jsonl events', ['./fixtures'])
    .option('--json', 'one line per event, then a summary line')
    .option('--strict', 'fail on warnings too')
    .addHelpText(
      'after',
      `
Examples:
  $ winesitting-hooks validate ./fixtures
  $ winesitting-hooks validate recorded.ndjson --strict
  $ winesitting-hooks validate ./recorded --json | jq 'select(.valid == false)'`,
    )
    .action(lazy(() => import('./commands/validate.js')));

  add('redact')
    .description('replace personal data in saved events with realistic fakes, so they can be committed as fixtures')
    .argument('<paths...>', 'files or folders of .json, .ndjson or .jsonl events')
    .option('--out <dir>', 'write the redacted copies here, in the same layout')
    .option('--in-place', 'rewrite the files themselves (each atomically; those with nothing personal are left as they are)')
    .option(
      '--key <secret>',
      'the same key gives the same fakes (default: $WINESITTING_HOOKS_REDACT_KEY, which ps and shell history do not show, else a key generated once in $WINESITTING_HOOKS_CONFIG)',
      parse.nonEmpty,
    )
    .option('--json', 'one line per event with the paths replaced, then a summary line')
    .addHelpText(
      'after',
      `
Names, companies, streets, zip codes, cities, phones, e-mails, VAT numbers, comments, tracking
numbers and URLs become fakes of the same shape; ids, statuses, wines, quantities, dates and key
order stay. The same person gets the same fake in every file and every UPDATE.

Examples:
  $ winesitting-hooks redact ./recorded --out ./fixtures/recorded
  $ winesitting-hooks redact ./fixtures --in-place
  $ winesitting-hooks redact events.ndjson --out ./safe --key "$REDACTION_KEY" --json | jq -c .replaced`,
    )
    .action(lazy(() => import('./commands/redact.js')));

  add('check')
    .description('prove an endpoint is ready for a sender that never retries')
    .option('--to <url>', TARGET_HELP, parse.url)
    .option(
      '--only <case>',
      'run only this case (repeatable; the cases are listed below)',
      parse.collect((value: string) => value),
    )
    .option('--budget <ms>', 'latency over which an answer is at risk; the latency case fails past it', parse.integer(1), defaults.DEFAULT_BUDGET_MS)
    .option('--timeout <ms>', 'a request without a whole answer (connection, status and body) by then is lost', parse.integer(1), defaults.DEFAULT_TIMEOUT_MS)
    .option('--json', 'one line per case, then a summary line')
    .option('--junit <file>', 'write a JUnit XML report for CI')
    .addHelpText(
      'after',
      `
Cases, in the order they run (all by default):
${formatCaseList()}

Examples:
  $ winesitting-hooks check --to http://127.0.0.1:3000/webhooks
  $ winesitting-hooks check --only duplicate --only burst
  $ winesitting-hooks check --junit reports/webhooks.xml`,
    )
    .action(lazy(() => import('./commands/check.js')));

  add('relay')
    .description('run the relay: a public URL that stores events until "listen --relay" takes them')
    .option('-p, --port <n>', 'port', parse.integer(0, 65535), defaults.DEFAULT_RELAY_PORT)
    .option('--host <addr>', 'bind address', defaults.DEFAULT_HOST)
    .option('--data <dir>', 'where channels and their events are kept (without --store)', defaults.DEFAULT_RELAY_DATA)
    .option(
      '--store <url>',
      'keep channels and events in Redis instead, shared by every relay instance: redis://host:6379[/db], rediss:// for TLS',
      parse.redisUrl,
    )
    .option(
      '--redis-wait <n>',
      'with --store: acknowledge an event only once n Redis replicas have it too',
      parse.integer(0),
      defaults.DEFAULT_RELAY_REDIS_WAIT,
    )
    .option('--public-url <url>', 'the address WineSitting reaches this relay at (set it on a public relay)', parse.url)
    .option('--admin-token <token>', 'who may create channels (default: $WINESITTING_RELAY_ADMIN_TOKEN; none: anyone)')
    .addOption(sizeOption('--max-body <size>', 'largest accepted body; larger gets 413', defaults.DEFAULT_MAX_BODY))
    .option('--buffer <n>', 'events kept per channel', parse.integer(1), defaults.DEFAULT_RELAY_BUFFER)
    .addOption(sizeOption('--max-bytes <size>', 'bytes of events kept per channel; past it the oldest are evicted', defaults.DEFAULT_RELAY_MAX_BYTES))
    .addOption(
      sizeOption(
        '--max-total-bytes <size>',
        'bytes of events kept in all; past it the largest channel loses its oldest',
        defaults.DEFAULT_RELAY_MAX_TOTAL_BYTES,
      ),
    )
    .option('--max-channels <n>', 'channels this relay holds; past it, 507', parse.integer(1), defaults.DEFAULT_RELAY_MAX_CHANNELS)
    .addOption(
      new Option('--channel-ttl <duration>', 'channels nobody has read for this long are removed with their events')
        .argParser(parse.duration)
        .default(defaults.DEFAULT_RELAY_CHANNEL_TTL_MS, parse.formatDuration(defaults.DEFAULT_RELAY_CHANNEL_TTL_MS)),
    )
    .option('--max-subscribers <n>', 'listeners per channel at once', parse.integer(1), defaults.DEFAULT_RELAY_MAX_SUBSCRIBERS)
    .option('--max-streams <n>', 'listeners in all at once', parse.integer(1), defaults.DEFAULT_RELAY_MAX_STREAMS)
    .option('--rate-limit <n>', 'events per second accepted per channel (429 past it)', parse.integer(1), defaults.DEFAULT_RELAY_RATE)
    .addOption(new Option('--heartbeat <ms>', 'interval of the heartbeats sent to listen').argParser(parse.integer(100)).default(15_000).hideHelp())
    .option('--json', 'one NDJSON line per channel event')
    .addHelpText(
      'after',
      `
Examples:
  $ winesitting-hooks relay --host 0.0.0.0 --port 8080 --public-url https://relay.example.com --admin-token "$(openssl rand -hex 24)"
  $ winesitting-hooks relay --host 0.0.0.0 --public-url https://relay.example.com --store redis://10.0.0.5:6379/0   # one line per instance
  $ WINESITTING_RELAY_ADMIN_TOKEN=… winesitting-hooks listen --relay https://relay.example.com`,
    )
    .action(lazy(() => import('./commands/relay.js')));

  return program;
}

/** A size flag whose help shows its default as typed (`10mb`), not in bytes. */
function sizeOption(flags: string, description: string, bytes: number): Option {
  return new Option(flags, description).argParser(parse.size).default(bytes, parse.formatSize(bytes));
}
