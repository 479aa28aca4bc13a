import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, noteSignerFromKey, noteVerifierFromKey, openSignedNote, parseCheckpoint, signNote } from '../../src/index.ts';
import { ed25519, p256 } from './support.ts';

const body = formatCheckpoint({ origin: 'example.com/log', size: 12, root: Buffer.alloc(32, 7), extensions: ['timestamp 2026-05-18T12:00:00.000Z'] });

describe('C2SP checkpoints and signed notes', () => {
  it('formats origin, size, base64 root and extension lines, and parses them back', () => {
    expect(body).toBe(`example.com/log\n12\n${Buffer.alloc(32, 7).toString('base64')}\ntimestamp 2026-05-18T12:00:00.000Z\n`);
    expect(parseCheckpoint(body)).toMatchObject({ origin: 'example.com/log', size: 12, extensions: ['timestamp 2026-05-18T12:00:00.000Z'] });
    expect(() => parseCheckpoint('o\n12x\nAAAA\n')).toThrow(expect.objectContaining({ code: 'ERR_EVIDENCE_CHECKPOINT_INVALID' }));
  });

  it('uses the C2SP Ed25519 key id: SHA-256(name || 0x0A || 0x01 || raw key)[:4]', () => {
    const { privateKey, publicKey } = ed25519();
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from('example.com/log\n'), Buffer.from([1]), raw])).digest().subarray(0, 4);
    expect(noteSignerFromKey('example.com/log', privateKey).keyId.equals(expected)).toBe(true);
    const note = signNote(body, [noteSignerFromKey('example.com/log', privateKey)]);
    const line = note.split('\n').at(-2)!;
    expect(line.startsWith('\u2014 example.com/log ')).toBe(true);
    expect(Buffer.from(line.split(' ')[2]!, 'base64').subarray(0, 4).equals(expected)).toBe(true);
  });

  it.for([['Ed25519', ed25519], ['ECDSA P-256', p256]] as const)('%s notes verify, and a changed byte does not', ([, make]) => {
    const { privateKey, publicKey } = make();
    const note = signNote(body, [noteSignerFromKey('example.com/log', privateKey)]);
    expect(openSignedNote(note, [noteVerifierFromKey('example.com/log', publicKey)])).toEqual({ text: body, signers: ['example.com/log'] });
    const forged = note.replace('\n12\n', '\n13\n');
    expect(() => openSignedNote(forged, [noteVerifierFromKey('example.com/log', publicKey)])).toThrow(expect.objectContaining({ code: 'ERR_EVIDENCE_SIGNATURE_INVALID' }));
  });

  it('ignores unknown signers and rejects a note no known key signed', () => {
    const a = ed25519();
    const b = ed25519();
    const note = signNote(body, [noteSignerFromKey('other', b.privateKey), noteSignerFromKey('example.com/log', a.privateKey)]);
    expect(openSignedNote(note, [noteVerifierFromKey('example.com/log', a.publicKey)]).signers).toEqual(['example.com/log']);
    expect(() => openSignedNote(note, [noteVerifierFromKey('third', a.publicKey)])).toThrow(expect.objectContaining({ code: 'ERR_EVIDENCE_UNSIGNED' }));
  });
});
