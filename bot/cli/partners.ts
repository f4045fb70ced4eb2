import { InvalidArgumentError } from 'commander';
import { attachRuntime, type Runtime } from '../runtime';
import { RegistrationError } from '../store/partners';
import { command, parseArgs } from './common';
import { describeFailure } from './failure';

/**
 * `npm run partners -- list | register | unregister-tenant`: which Teams tenants and which admins
 * belong to which partner. Exit code 0 on success, 2 on a usage error or a refused registration
 * (TENANT_TAKEN, INVALID_REGISTRATION), 1 when the store failed.
 */

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const digits = (value: string): string => {
  if (!/^\d+$/.test(value))
    throw new InvalidArgumentError('a partner id is a string of digits (PartnerOne / MPN id)');
  return value;
};

async function withRuntime(action: (runtime: Runtime) => Promise<void>): Promise<number> {
  let runtime: Runtime | undefined;
  try {
    runtime = await attachRuntime('partners');
    await action(runtime);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    // A refused registration (a tenant of another partner, an invalid one) is the input's fault.
    return error instanceof RegistrationError ? 2 : 1;
  } finally {
    await runtime?.store.close();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let result: Promise<number> = Promise.resolve(0);
  const program = command('partners', 'Register partners, their Teams tenants and their admins.');
  program
    .command('list')
    .description('list registered partners')
    .option('--json', 'one JSON object per partner')
    .action((options: { json?: boolean }) => {
      result = withRuntime(async ({ partners }) => {
        const all = await partners.list();
        for (const p of all) {
          process.stdout.write(
            options.json
              ? `${JSON.stringify(p)}\n`
              : `${p.partnerId}  ${p.name}\n  tenants: ${p.tenantIds.join(', ') || '—'}\n  admins: ${p.adminObjectIds.join(', ') || '—'}${p.adminsOnly ? ' (only admins may view)' : ''}\n`,
          );
        }
        if (all.length === 0 && !options.json)
          process.stdout.write(
            'No partner is registered yet: `npm run partners -- register …` or `npm run import -- FILE`.\n',
          );
      });
    });
  program
    .command('register')
    .description('register a partner or add tenants and admins to it')
    .requiredOption('--partner-id <id>', 'PartnerOne / MPN id (digits)', digits)
    .requiredOption('--name <name>', 'partner name')
    .option('--tenant <tenantId>', 'a Teams (Entra) tenant whose users may ask (repeatable)', collect, [])
    .option(
      '--admin <objectId>',
      'an admin (Entra object id) who receives reminders (repeatable)',
      collect,
      [],
    )
    .option('--admins-only', 'only the admins may view the score')
    .option('--everyone', "everyone in the partner's tenants may view the score (default)")
    .action(
      (o: {
        partnerId: string;
        name: string;
        tenant: string[];
        admin: string[];
        adminsOnly?: boolean;
        everyone?: boolean;
      }) => {
        result = withRuntime(async ({ partners }) => {
          const adminsOnly = o.adminsOnly ? true : o.everyone ? false : undefined;
          const p = await partners.register({
            partnerId: o.partnerId,
            name: o.name,
            tenantIds: o.tenant,
            adminObjectIds: o.admin,
            ...(adminsOnly !== undefined ? { adminsOnly } : {}),
          });
          process.stdout.write(
            `Registered ${p.partnerId} ${p.name}: tenants ${p.tenantIds.join(', ') || '—'}; admins ${p.adminObjectIds.join(', ') || '—'}\n`,
          );
        });
      },
    );
  program
    .command('unregister-tenant')
    .description('remove a Teams tenant from a partner (its users lose access)')
    .requiredOption('--partner-id <id>', 'PartnerOne / MPN id', digits)
    .requiredOption('--tenant <tenantId>', 'the tenant to remove')
    .action((o: { partnerId: string; tenant: string }) => {
      result = withRuntime(async ({ partners }) => {
        await partners.unregisterTenant(o.partnerId, o.tenant);
        process.stdout.write(`Tenant ${o.tenant} no longer belongs to partner ${o.partnerId}\n`);
      });
    });
  const stopped = await parseArgs(program, argv);
  return stopped ?? result;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
