/** The portal's front page: file a complaint, follow one, or find how to reach an agency. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

export function HomePage() {
  const { t } = useTranslation('citizen');
  return (
    <div className="home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <div className="home__choices">
        <Link href="/file" className="choice">
          <span className="choice__title">{t('home.fileTitle')}</span>
          <span className="choice__text">{t('home.fileText')}</span>
        </Link>
        <Link href="/track" className="choice">
          <span className="choice__title">{t('home.trackTitle')}</span>
          <span className="choice__text">{t('home.trackText')}</span>
        </Link>
        <Link href="/agencies" className="choice">
          <span className="choice__title">{t('home.contactTitle')}</span>
          <span className="choice__text">{t('home.contactText')}</span>
        </Link>
      </div>
      <section className="notice" aria-labelledby="home-hotline">
        <h2 id="home-hotline">{t('home.hotlineTitle')}</h2>
        <p>{t('home.hotlineText')}</p>
      </section>
      <p className="home__staff">
        <Link href="~/staff">{t('home.staffLink')}</Link>
      </p>
    </div>
  );
}
