import { describe, expect, it } from 'vitest';
import { detectLanguage, primaryLanguage, scriptLanguage } from './language.js';

describe('detectLanguage', () => {
  it('tells Arabic from Persian and Urdu by their letters', () => {
    expect(detectLanguage('أكد الرئيس الروسي فلاديمير بوتين لنظيره الأميركي دونالد ترامب في اتصال هاتفي')).toBe('ar');
    expect(detectLanguage('رئیس جمهور روسیه در گفتگوی تلفنی با همتای آمریکایی خود گفت که چنین است')).toBe('fa');
    expect(detectLanguage('روسی صدر نے امریکی ہم منصب سے ٹیلی فون پر بات کی اور کہا کہ وہ چاہتے ہیں')).toBe('ur');
  });

  it('tells Latin-script languages apart by their function words', () => {
    expect(detectLanguage('The president said that the talks would continue with the support of the allies.')).toBe('en');
    expect(detectLanguage('Le président a dit que les négociations vont continuer avec le soutien des alliés.')).toBe('fr');
    expect(detectLanguage('El presidente dijo que las negociaciones van a continuar con el apoyo de los aliados.')).toBe('es');
    expect(detectLanguage('Der Präsident sagte, dass die Gespräche mit der Unterstützung der Verbündeten weitergehen.')).toBe('de');
  });

  it('names other scripts', () => {
    expect(detectLanguage('Президент заявил, что переговоры будут продолжены при поддержке союзников.')).toBe('ru');
    expect(detectLanguage('Президент заявив, що переговори будуть продовжені за підтримки союзників і їхніх партнерів.')).toBe('uk');
    expect(detectLanguage('大統領は、同盟国の支援を受けて交渉が続くと述べました。')).toBe('ja');
    expect(detectLanguage('Ο πρόεδρος δήλωσε ότι οι συνομιλίες θα συνεχιστούν με τη στήριξη των συμμάχων.')).toBe('el');
  });

  it('does not guess on too little text or unknown words', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('12345 !!!')).toBeNull();
    expect(detectLanguage('Xqzt brvlk mnoptr zzkx qwerty asdfg zxcvb')).toBeNull();
  });
});

describe('scriptLanguage', () => {
  it('says what the script alone tells, and nothing for Latin-script text', () => {
    expect(scriptLanguage('أكد الرئيس الروسي فلاديمير بوتين لنظيره الأميركي دونالد ترامب في اتصال هاتفي')).toBe('ar');
    expect(scriptLanguage('Президент заявил, что переговоры будут продолжены при поддержке союзников.')).toBe('ru');
    expect(scriptLanguage('The president said that the talks would continue with the support of the allies.')).toBeNull();
  });
});

describe('primaryLanguage', () => {
  it('keeps the primary subtag of a language tag, lower-cased', () => {
    expect(primaryLanguage('en-GB')).toBe('en');
    expect(primaryLanguage(' AR_eg')).toBe('ar');
    expect(primaryLanguage('ara')).toBe('ara');
    expect(primaryLanguage('fr')).toBe('fr');
  });

  it('gives null for what is not a language tag', () => {
    expect(primaryLanguage(undefined)).toBeNull();
    expect(primaryLanguage('')).toBeNull();
    expect(primaryLanguage('Arabic')).toBeNull();
    expect(primaryLanguage('e')).toBeNull();
  });
});
