import { describe, expect, it } from 'vitest';
import { formatLocation, maskPhone, parsePublicPlace, parseRoom } from '../../src/domain/index.ts';

describe('rooms as owners write them', () => {
  it('takes no room out of a phone number written after a building (4栋 13822223333)', () => {
    expect(parseRoom('小区垃圾几天没人清理了臭得很 4栋 13822223333')).toBeUndefined();
    expect(parseRoom('5栋2单元 13800138000')).toBeUndefined();
    expect(parseRoom('5栋2单元6楼 13800138000')).toBeUndefined();
    expect(parseRoom('5栋2单元502 13800138000')).toMatchObject({ building: '5', unit: '2', room: '502' });
  });

  it.each([
    ['5栋2单元502厨房水管爆了', { building: '5', unit: '2', room: '502' }],
    ['7-2-301 楼上漏水', { building: '7', unit: '2', room: '301' }],
    ['12号楼3单元601', { building: '12', unit: '3', room: '601' }],
    ['五栋502', { building: '5', room: '502' }],
    ['我家是十二栋1203室', { building: '12', room: '1203' }],
    ['８栋１单元８０２', { building: '8', unit: '1', room: '802' }],
  ])('%s', (text, expected) => {
    const room = parseRoom(text);
    expect(room).toMatchObject({ kind: 'room', ...expected });
    expect(room?.unit).toBe((expected as { unit?: string }).unit);
  });

  it('finds nothing where there is no room, and does not take a phone number or a fee for one', () => {
    expect(parseRoom('楼道灯不亮了')).toBeUndefined();
    expect(parseRoom('物业费怎么多收了200')).toBeUndefined();
    expect(parseRoom('电话 13800138000')).toBeUndefined();
  });

  it('finds public-area places when there is no room', () => {
    expect(parsePublicPlace('3栋大堂的灯不亮了')).toEqual({ kind: 'public', place: '3栋大堂', text: '3栋大堂' });
    expect(parsePublicPlace('地下车库B区漏水')?.place).toBe('地下车库B区');
    expect(parsePublicPlace('2号楼 电梯按钮坏了')?.place).toBe('2号楼电梯');
    // The building said after the place (field trial: "电梯门一直开不了 2号楼" was recorded at 地点:电梯).
    expect(parsePublicPlace('电梯门一直开不了 2号楼')).toEqual({ kind: 'public', place: '2号楼电梯', text: '2号楼电梯' });
    expect(parsePublicPlace('楼道灯坏了,在五栋2单元')?.place).toBe('5栋2单元楼道');
    expect(parsePublicPlace('物业费多收了')).toBeUndefined();
  });

  it('finds a spot outside a building, with the thing named there (seen in play: 7栋门口的路灯 was asked 哪个房间)', () => {
    expect(parsePublicPlace('7栋门口的路灯坏了好几天了')).toEqual({ kind: 'public', place: '7栋门口的路灯', text: '7栋门口的路灯' });
    expect(parsePublicPlace('3号楼楼下井盖松了')?.place).toBe('3号楼楼下井盖');
    expect(parsePublicPlace('五栋后面 一直有积水')?.place).toBe('5栋后面');
    // A building alone, or a door that is a flat's, is no such spot.
    expect(parsePublicPlace('7栋好多人')).toBeUndefined();
    expect(parsePublicPlace('我家门口有垃圾')).toBeUndefined();
  });

  it('writes rooms back in one form', () => {
    expect(formatLocation(parseRoom('7-2-301')!)).toBe('7栋2单元301');
    expect(formatLocation({ kind: 'public', place: '3栋大堂', text: '3栋大堂' })).toBe('3栋大堂');
  });

  it('masks phone numbers', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('138****8000');
  });
});
