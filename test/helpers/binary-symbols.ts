/**
 * The dynamic symbols of a native addon, read from the binary itself (ELF .dynsym, Mach-O LC_SYMTAB, PE export
 * table), so an addon's ABI is judged by what it exports and imports, never by its file name. Binutils'
 * `nm` reads only some of these formats (not arm64 Mach-O), hence this small reader.
 */

export type BinaryFormat = 'elf' | 'mach-o' | 'pe';

export interface BinarySymbols {
  format: BinaryFormat;
  /** Symbols the binary defines and exports (Mach-O's leading underscore removed). */
  exported: string[];
  /** Symbols it expects the host to provide (ELF and Mach-O; PE imports are per DLL and not read). */
  imported: string[];
}

export type AddonAbi =
  | { kind: 'napi'; evidence: string }
  | { kind: 'v8'; evidence: string }
  | { kind: 'unknown'; evidence: string };

/**
 * N-API when the addon exports napi_register_module_v1 (or registers itself through the older
 * napi_module_register) and takes nothing from V8 or Node's C++ API; V8-ABI when it exports
 * node_register_module_v<ABI> or imports V8/Node C++ symbols (those break on every Node/Electron ABI change).
 */
export function addonAbi(symbols: BinarySymbols): AddonAbi {
  const v8Export = symbols.exported.find((s) => /^node_register_module_v\d+$/.test(s));
  if (v8Export) return { kind: 'v8', evidence: `exports ${v8Export}` };
  const cxx = symbols.imported.find((s) => s.startsWith('_ZN2v8') || s.startsWith('_ZN4node'));
  if (cxx) return { kind: 'v8', evidence: `imports ${cxx} (V8/Node C++ API)` };
  if (symbols.exported.includes('napi_register_module_v1')) {
    return { kind: 'napi', evidence: 'exports napi_register_module_v1' };
  }
  if (symbols.imported.includes('napi_module_register')) {
    return { kind: 'napi', evidence: 'registers through napi_module_register' };
  }
  return { kind: 'unknown', evidence: 'exports neither napi_register_module_v1 nor node_register_module_v*' };
}

function cString(buf: Buffer, at: number): string {
  const end = buf.indexOf(0, at);
  return buf.toString('latin1', at, end < 0 ? buf.length : end);
}

function readElf(buf: Buffer): BinarySymbols {
  const is64 = buf[4] === 2;
  const le = buf[5] === 1;
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const addr = (o: number) => (is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o));
  const shoff = addr(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const section = (i: number) => {
    const h = shoff + i * shentsize;
    return {
      type: u32(h + 4),
      offset: addr(is64 ? h + 24 : h + 16),
      size: addr(is64 ? h + 32 : h + 20),
      link: u32(is64 ? h + 40 : h + 24),
      entsize: addr(is64 ? h + 56 : h + 36),
    };
  };
  const SHT_DYNSYM = 11;
  const exported: string[] = [];
  const imported: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type !== SHT_DYNSYM) continue;
    const strtab = section(s.link);
    for (let at = s.offset + s.entsize; at < s.offset + s.size; at += s.entsize) {
      const name = cString(buf, strtab.offset + u32(at));
      const shndx = u16(is64 ? at + 6 : at + 14);
      if (name) (shndx === 0 ? imported : exported).push(name);
    }
  }
  return { format: 'elf', exported, imported };
}

function readMachO(buf: Buffer, base = 0): BinarySymbols {
  const magic = buf.readUInt32LE(base);
  const is64 = magic === 0xfeedfacf;
  const ncmds = buf.readUInt32LE(base + 16);
  let at = base + (is64 ? 32 : 28);
  const LC_SYMTAB = 0x2;
  const exported: string[] = [];
  const imported: string[] = [];
  for (let i = 0; i < ncmds; i++) {
    const cmd = buf.readUInt32LE(at);
    const size = buf.readUInt32LE(at + 4);
    if (cmd === LC_SYMTAB) {
      const symoff = base + buf.readUInt32LE(at + 8);
      const nsyms = buf.readUInt32LE(at + 12);
      const stroff = base + buf.readUInt32LE(at + 16);
      const entry = is64 ? 16 : 12;
      for (let n = 0; n < nsyms; n++) {
        const e = symoff + n * entry;
        const type = buf[e + 4] as number;
        const N_STAB = 0xe0;
        const N_EXT = 0x01;
        const N_TYPE = 0x0e;
        if (type & N_STAB || !(type & N_EXT)) continue;
        const name = cString(buf, stroff + buf.readUInt32LE(e)).replace(/^_/, '');
        ((type & N_TYPE) === 0 ? imported : exported).push(name);
      }
    }
    at += size;
  }
  return { format: 'mach-o', exported, imported };
}

function readPe(buf: Buffer): BinarySymbols {
  const pe = buf.readUInt32LE(0x3c);
  const sections = buf.readUInt16LE(pe + 6);
  const optSize = buf.readUInt16LE(pe + 20);
  const opt = pe + 24;
  const pe32plus = buf.readUInt16LE(opt) === 0x20b;
  const exportRva = buf.readUInt32LE(opt + (pe32plus ? 112 : 96));
  const table = opt + optSize;
  const toOffset = (rva: number): number => {
    for (let i = 0; i < sections; i++) {
      const h = table + i * 40;
      const va = buf.readUInt32LE(h + 12);
      const size = Math.max(buf.readUInt32LE(h + 8), buf.readUInt32LE(h + 16));
      if (rva >= va && rva < va + size) return rva - va + buf.readUInt32LE(h + 20);
    }
    throw new Error(`RVA 0x${rva.toString(16)} is in no section`);
  };
  const exported: string[] = [];
  if (exportRva !== 0) {
    const dir = toOffset(exportRva);
    const count = buf.readUInt32LE(dir + 24);
    const names = toOffset(buf.readUInt32LE(dir + 32));
    for (let i = 0; i < count; i++) exported.push(cString(buf, toOffset(buf.readUInt32LE(names + i * 4))));
  }
  return { format: 'pe', exported, imported: [] };
}

/** Reads a native addon's symbols; throws naming the format when it is none of ELF, Mach-O (thin or fat) or PE. */
export function readBinarySymbols(buf: Buffer): BinarySymbols {
  if (buf.readUInt32BE(0) === 0x7f454c46) return readElf(buf);
  const le = buf.readUInt32LE(0);
  if (le === 0xfeedfacf || le === 0xfeedface) return readMachO(buf);
  if (buf.readUInt32BE(0) === 0xcafebabe) {
    // A universal binary: every architecture slice must qualify, so their symbols are pooled.
    const slices = buf.readUInt32BE(4);
    const all: BinarySymbols = { format: 'mach-o', exported: [], imported: [] };
    for (let i = 0; i < slices; i++) {
      const slice = readMachO(buf, buf.readUInt32BE(8 + i * 20 + 8));
      all.exported.push(...slice.exported);
      all.imported.push(...slice.imported);
    }
    return all;
  }
  if (buf.readUInt16BE(0) === 0x4d5a) return readPe(buf);
  throw new Error(`not an ELF, Mach-O or PE binary (starts with 0x${buf.subarray(0, 4).toString('hex')})`);
}
